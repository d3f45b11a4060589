import { MARGIN, TITLE_BASELINE, TITLE_SIZE, type Figure, type RasterLayer, type VectorLayer } from './figure';

export const PNG_SCALES = [1, 2, 4] as const;
export type PngScale = (typeof PNG_SCALES)[number];

function rasterSource(layer: RasterLayer): CanvasImageSource {
  if (layer.source) return layer.source;
  const canvas = document.createElement('canvas');
  canvas.width = layer.pixels.width;
  canvas.height = layer.pixels.height;
  canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(layer.pixels.data), layer.pixels.width), 0, 0);
  return canvas;
}

/** A vector part rasterised over the whole figure at the output's resolution (unclipped: axis ticks reach outside their box). */
async function vectorImage(layer: VectorLayer, figure: Figure, scale: number): Promise<HTMLImageElement> {
  const { width, height } = figure;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width * scale}" height="${height * scale}" viewBox="0 0 ${width} ${height}" font-family="${figure.fontFamily.replace(/"/g, "'")}"><g transform="translate(${layer.box.x},${layer.box.y})">${layer.svg}</g></svg>`;
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    return image;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * The figure as a PNG of (width × scale) × (height × scale) pixels: the panel's own canvases drawn at
 * that scale (heatmap cells enlarged without smoothing, as the page shows them), its vector parts
 * rasterised at that resolution.
 */
export async function renderPng(figure: Figure, scale: PngScale): Promise<Uint8Array> {
  const canvas = document.createElement('canvas');
  canvas.width = figure.width * scale;
  canvas.height = figure.height * scale;
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.fillStyle = figure.background;
  ctx.fillRect(0, 0, figure.width, figure.height);
  ctx.fillStyle = figure.foreground;
  ctx.font = `600 ${TITLE_SIZE}px ${figure.fontFamily}`;
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(figure.title, MARGIN, TITLE_BASELINE);
  for (const layer of figure.layers) {
    if (layer.kind === 'raster') {
      ctx.imageSmoothingEnabled = !layer.cells;
      ctx.drawImage(rasterSource(layer), layer.box.x, layer.box.y, layer.box.width, layer.box.height);
    } else if (layer.kind === 'vector') {
      ctx.drawImage(await vectorImage(layer, figure, scale), 0, 0, figure.width, figure.height);
    } else {
      ctx.save();
      ctx.fillStyle = layer.color;
      ctx.font = `${layer.fontWeight} ${layer.fontSize}px ${layer.fontFamily}`;
      ctx.textAlign = layer.anchor === 'middle' ? 'center' : layer.anchor === 'end' ? 'right' : 'left';
      ctx.translate(layer.x, layer.y);
      ctx.rotate((layer.rotate * Math.PI) / 180);
      ctx.fillText(layer.text, 0, 0);
      ctx.restore();
    }
  }
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the browser could not encode the PNG');
  return new Uint8Array(await blob.arrayBuffer());
}
