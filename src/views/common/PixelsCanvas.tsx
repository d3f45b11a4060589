import { useEffect, useRef } from 'react';

export interface PixelsCanvasProps {
  pixels: { width: number; height: number; data: Uint8ClampedArray };
  /** the box to fit in, CSS pixels */
  box: number;
  /** a rectangle to outline, in the pixels' coordinates */
  outline?: { left: number; top: number; width: number; height: number } | null;
  /** draw a grid of this cell size, in the pixels' coordinates */
  gridCell?: number;
  label: string;
  testId?: string;
}

const sourceCache = new WeakMap<Uint8ClampedArray, HTMLCanvasElement>();

/** RGBA pixels drawn to fit a square box, keeping their aspect ratio. */
export function PixelsCanvas({ pixels, box, outline, gridCell, label, testId }: PixelsCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const scale = box / Math.max(pixels.width, pixels.height);
  const width = Math.max(1, Math.round(pixels.width * scale));
  const height = Math.max(1, Math.round(pixels.height * scale));
  useEffect(() => {
    let source = sourceCache.get(pixels.data);
    if (!source) {
      source = document.createElement('canvas');
      source.width = pixels.width;
      source.height = pixels.height;
      source.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(pixels.data), pixels.width, pixels.height), 0, 0);
      sourceCache.set(pixels.data, source);
    }
    const canvas = ref.current!;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.imageSmoothingEnabled = scale < 1;
    ctx.drawImage(source, 0, 0, width, height);
    if (gridCell) {
      ctx.strokeStyle = 'rgba(255,255,255,0.7)';
      ctx.beginPath();
      for (let p = 0; p <= pixels.width; p += gridCell) {
        const at = Math.round(p * scale) + 0.5;
        ctx.moveTo(at, 0);
        ctx.lineTo(at, height);
      }
      for (let p = 0; p <= pixels.height; p += gridCell) {
        const at = Math.round(p * scale) + 0.5;
        ctx.moveTo(0, at);
        ctx.lineTo(width, at);
      }
      ctx.stroke();
    }
    if (outline) {
      ctx.strokeStyle = '#ff3b30';
      ctx.lineWidth = 2;
      ctx.strokeRect(outline.left * scale + 1, outline.top * scale + 1, outline.width * scale - 2, outline.height * scale - 2);
    }
  }, [pixels, width, height, scale, outline, gridCell]);
  return <canvas ref={ref} data-testid={testId} role="img" aria-label={label} className="pixels" style={{ width, height }} />;
}
