/**
 * The built-in sample image: a small scene drawn on a canvas, so the page has something to look
 * at before the user brings an image. (The images issue adds a real gallery.)
 */
export function drawSampleImage(size = 256): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d')!;
  const sky = ctx.createLinearGradient(0, 0, 0, size);
  sky.addColorStop(0, '#7ec8f0');
  sky.addColorStop(0.65, '#d8f0ff');
  sky.addColorStop(0.65, '#6cae4f');
  sky.addColorStop(1, '#3f7a2c');
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, size, size);
  ctx.fillStyle = '#ffd23f';
  ctx.beginPath();
  ctx.arc(size * 0.78, size * 0.2, size * 0.1, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#c0392b';
  ctx.fillRect(size * 0.18, size * 0.42, size * 0.34, size * 0.3);
  ctx.fillStyle = '#7f2418';
  ctx.beginPath();
  ctx.moveTo(size * 0.14, size * 0.44);
  ctx.lineTo(size * 0.35, size * 0.26);
  ctx.lineTo(size * 0.56, size * 0.44);
  ctx.fill();
  ctx.fillStyle = '#f5e6c8';
  ctx.fillRect(size * 0.3, size * 0.56, size * 0.09, size * 0.16);
  return canvas;
}
