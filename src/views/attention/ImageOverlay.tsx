import { useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { extent } from '../../analysis/rows';
import { arrayKey } from '../common/arrayKey';
import { useSequentialLut } from '../common/palette';

export interface ImageOverlayProps {
  /** the pixels the model saw */
  pixels: ImageData;
  grid: number;
  /** one value per patch (row-major over the grid), drawn as a heat overlay; null for the bare image */
  values: Float32Array | null;
  /** the patch outlined (the query), or null */
  selected: { row: number; col: number } | null;
  onPickPatch?: (row: number, col: number) => void;
  /** write each patch's token index on it */
  showIndices?: boolean;
  /** the first patch's token index (1 with [CLS]) */
  firstToken?: number;
  size: number;
  label: string;
  testId?: string;
  /** patches to outline (e.g. where the object is), one flag per patch */
  outlined?: boolean[] | null;
}

const sources = new WeakMap<ImageData, HTMLCanvasElement>();
/** The pixels as a canvas to draw from, made once per image. */
export function sourceCanvas(pixels: ImageData): HTMLCanvasElement {
  let canvas = sources.get(pixels);
  if (!canvas) {
    canvas = document.createElement('canvas');
    canvas.width = pixels.width;
    canvas.height = pixels.height;
    canvas.getContext('2d')!.putImageData(pixels, 0, 0);
    sources.set(pixels, canvas);
  }
  return canvas;
}

/** Sizes a square canvas for the screen's pixel ratio and draws the image on it, cells kept sharp; returns its context for what goes over the image. */
export function drawImageSharp(canvas: HTMLCanvasElement, pixels: ImageData, size: number): CanvasRenderingContext2D {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(size * ratio);
  canvas.height = Math.round(size * ratio);
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(sourceCanvas(pixels), 0, 0, size, size);
  return ctx;
}

let heatCanvas: HTMLCanvasElement | null = null;
/** One pixel per patch: the palette's colour of its value, more opaque where the value is larger. */
function heatLayer(values: Float32Array, grid: number, HEAT: Uint8ClampedArray): HTMLCanvasElement {
  heatCanvas ??= document.createElement('canvas');
  heatCanvas.width = grid;
  heatCanvas.height = grid;
  const ctx = heatCanvas.getContext('2d')!;
  const image = ctx.createImageData(grid, grid);
  const [, hi] = extent(values);
  for (let i = 0; i < grid * grid; i++) {
    const t = hi > 0 ? Math.max(0, values[i]!) / hi : 0;
    const k = Math.round(t * 255) * 3;
    image.data[i * 4] = HEAT[k]!;
    image.data[i * 4 + 1] = HEAT[k + 1]!;
    image.data[i * 4 + 2] = HEAT[k + 2]!;
    image.data[i * 4 + 3] = Math.round((0.15 + 0.7 * t) * 255);
  }
  ctx.putImageData(image, 0, 0);
  return heatCanvas;
}

/** The model's input image with its patch grid and, optionally, one value per patch as a heat overlay. */
export function ImageOverlay({
  pixels,
  grid,
  values,
  selected,
  onPickPatch,
  showIndices,
  firstToken = 0,
  size,
  label,
  testId,
  outlined,
}: ImageOverlayProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const lut = useSequentialLut();
  useEffect(() => {
    const ctx = drawImageSharp(ref.current!, pixels, size);
    const cell = size / grid;
    if (values) {
      ctx.fillStyle = 'rgba(0,0,0,0.35)';
      ctx.fillRect(0, 0, size, size);
      ctx.drawImage(heatLayer(values, grid, lut), 0, 0, size, size);
    }
    if (grid <= 32) {
      ctx.strokeStyle = 'rgba(255,255,255,0.45)';
      ctx.lineWidth = 1;
      ctx.beginPath();
      for (let i = 0; i <= grid; i++) {
        const at = Math.round(i * cell) + 0.5;
        ctx.moveTo(at, 0);
        ctx.lineTo(at, size);
        ctx.moveTo(0, at);
        ctx.lineTo(size, at);
      }
      ctx.stroke();
    }
    if (showIndices && grid <= 16) {
      ctx.font = `${Math.max(8, Math.min(12, cell / 2.6))}px system-ui, sans-serif`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      for (let r = 0; r < grid; r++) {
        for (let c = 0; c < grid; c++) {
          const x = (c + 0.5) * cell;
          const y = (r + 0.5) * cell;
          const text = String(firstToken + r * grid + c);
          ctx.lineWidth = 3;
          ctx.strokeStyle = 'rgba(0,0,0,0.6)';
          ctx.strokeText(text, x, y);
          ctx.fillStyle = '#fff';
          ctx.fillText(text, x, y);
        }
      }
    }
    if (outlined) {
      // the outline of the marked region: edges between a marked patch and an unmarked one
      ctx.strokeStyle = '#38e1ff';
      ctx.lineWidth = 2;
      ctx.beginPath();
      const on = (r: number, c: number) => r >= 0 && c >= 0 && r < grid && c < grid && outlined[r * grid + c];
      for (let r = 0; r < grid; r++) {
        for (let c = 0; c < grid; c++) {
          if (!on(r, c)) continue;
          const x = c * cell;
          const y = r * cell;
          if (!on(r - 1, c)) (ctx.moveTo(x, y), ctx.lineTo(x + cell, y));
          if (!on(r + 1, c)) (ctx.moveTo(x, y + cell), ctx.lineTo(x + cell, y + cell));
          if (!on(r, c - 1)) (ctx.moveTo(x, y), ctx.lineTo(x, y + cell));
          if (!on(r, c + 1)) (ctx.moveTo(x + cell, y), ctx.lineTo(x + cell, y + cell));
        }
      }
      ctx.stroke();
    }
    if (selected) {
      ctx.strokeStyle = '#ff3b30';
      ctx.lineWidth = 2;
      ctx.strokeRect(selected.col * cell + 1, selected.row * cell + 1, cell - 2, cell - 2);
    }
    // keyed on the array's memory (see arrayKey), not on the view object
  }, [pixels, grid, arrayKey(values), selected?.row, selected?.col, showIndices, firstToken, size, outlined, lut]);

  const pick = (event: MouseEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const col = Math.floor(((event.clientX - box.left) / box.width) * grid);
    const row = Math.floor(((event.clientY - box.top) / box.height) * grid);
    if (row >= 0 && row < grid && col >= 0 && col < grid) onPickPatch?.(row, col);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    if (!onPickPatch) return;
    const at = selected ?? { row: 0, col: 0 };
    const step: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const move = step[event.key];
    if (!move) return;
    event.preventDefault();
    onPickPatch(Math.min(grid - 1, Math.max(0, at.row + move[0])), Math.min(grid - 1, Math.max(0, at.col + move[1])));
  };
  return (
    <canvas
      ref={ref}
      className={onPickPatch ? 'image-overlay pickable' : 'image-overlay'}
      data-testid={testId}
      data-overlaid={values ? 'true' : 'false'}
      role="img"
      aria-label={label}
      tabIndex={onPickPatch ? 0 : -1}
      style={{ width: size, maxWidth: '100%', aspectRatio: '1' }}
      onClick={onPickPatch ? pick : undefined}
      onKeyDown={onKeyDown}
    />
  );
}
