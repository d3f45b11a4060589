import { useEffect, useRef } from 'react';

export interface RgbGridProps {
  /** RGBA bytes, rows × cols pixels */
  rgba: Uint8ClampedArray;
  rows: number;
  cols: number;
  /** displayed side in CSS pixels */
  width: number;
  height: number;
  label: string;
  testId?: string;
}

/** Colours given per cell, drawn one pixel per cell and scaled up without smoothing. */
export function RgbGrid({ rgba, rows, cols, width, height, label, testId }: RgbGridProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current!;
    canvas.width = cols;
    canvas.height = rows;
    const ctx = canvas.getContext('2d')!;
    const image = ctx.createImageData(cols, rows);
    image.data.set(rgba.subarray(0, rows * cols * 4));
    ctx.putImageData(image, 0, 0);
  }, [rgba, rows, cols]);
  return <canvas ref={ref} className="pixelated" data-testid={testId} role="img" aria-label={label} style={{ width, height }} />;
}

/** [N, 3] colours in 0…1 as RGBA bytes. */
export function rgbaOf(rgb: ArrayLike<number>, n: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) out[i * 4 + c] = Math.round(rgb[i * 3 + c]! * 255);
    out[i * 4 + 3] = 255;
  }
  return out;
}
