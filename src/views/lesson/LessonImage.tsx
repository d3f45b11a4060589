/** The learner's image with its patch grid: click a patch to pick it; a map over the patches can be laid on it. */
import { useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import type { TokenLayout } from '../../model/tokenLayout';

export interface LessonImageProps {
  pixels: ImageData;
  layout: TokenLayout;
  size: number;
  /** [N] values over the patches, drawn as a light veil where they are low */
  overlay?: ArrayLike<number> | null;
  picked?: number | null;
  outlined?: readonly number[];
  onPick?: (patch: number) => void;
  onHover?: (patch: number | null) => void;
  label: string;
  testId?: string;
}

const sources = new WeakMap<ImageData, HTMLCanvasElement>();

export function imageSource(pixels: ImageData): HTMLCanvasElement {
  let source = sources.get(pixels);
  if (!source) {
    source = document.createElement('canvas');
    source.width = pixels.width;
    source.height = pixels.height;
    source.getContext('2d')!.putImageData(pixels, 0, 0);
    sources.set(pixels, source);
  }
  return source;
}

export function LessonImage({ pixels, layout, size, overlay, picked, outlined = [], onPick, onHover, label, testId }: LessonImageProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { gridRows: rows, gridCols: cols } = layout;
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(size * ratio);
    canvas.height = Math.round(size * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(imageSource(pixels), 0, 0, size, size);
    const cw = size / cols;
    const ch = size / rows;
    if (overlay && overlay.length === rows * cols) {
      let max = 0;
      for (let i = 0; i < overlay.length; i++) max = Math.max(max, overlay[i]!);
      for (let i = 0; i < overlay.length; i++) {
        const v = max > 0 ? Math.max(0, overlay[i]!) / max : 0;
        ctx.fillStyle = `rgba(0, 0, 0, ${(0.8 * (1 - v)).toFixed(3)})`;
        ctx.fillRect((i % cols) * cw, Math.floor(i / cols) * ch, cw, ch);
      }
    }
    if (cols <= 32) {
      ctx.strokeStyle = 'rgba(255, 255, 255, 0.35)';
      ctx.lineWidth = 1;
      ctx.beginPath();
      for (let c = 1; c < cols; c++) {
        ctx.moveTo(c * cw, 0);
        ctx.lineTo(c * cw, size);
      }
      for (let r = 1; r < rows; r++) {
        ctx.moveTo(0, r * ch);
        ctx.lineTo(size, r * ch);
      }
      ctx.stroke();
    }
    const box = (p: number, color: string, width: number) => {
      ctx.strokeStyle = color;
      ctx.lineWidth = width;
      ctx.strokeRect((p % cols) * cw + width / 2, Math.floor(p / cols) * ch + width / 2, cw - width, ch - width);
    };
    for (const p of outlined) box(p, '#ffd000', 2);
    if (picked !== null && picked !== undefined) box(picked, '#ff2d55', 3);
  }, [pixels, size, rows, cols, overlay, picked, outlined]);

  const patchAt = (event: MouseEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const col = Math.min(cols - 1, Math.max(0, Math.floor(((event.clientX - rect.left) / rect.width) * cols)));
    const row = Math.min(rows - 1, Math.max(0, Math.floor(((event.clientY - rect.top) / rect.height) * rows)));
    return row * cols + col;
  };
  const onKey = (event: KeyboardEvent<HTMLCanvasElement>) => {
    // Enter picks the next patch, so the try-this works without a pointer too
    if (event.key === 'Enter' && onPick) onPick(((picked ?? -1) + 1) % (rows * cols));
  };
  return (
    <canvas
      ref={ref}
      className="lesson-image"
      style={{ width: size, height: size, cursor: onPick ? 'pointer' : 'default' }}
      role="img"
      aria-label={label}
      tabIndex={onPick ? 0 : undefined}
      data-testid={testId}
      onClick={onPick ? (e) => onPick(patchAt(e)) : undefined}
      onMouseMove={onHover ? (e) => onHover(patchAt(e)) : undefined}
      onMouseLeave={onHover ? () => onHover(null) : undefined}
      onKeyDown={onKey}
    />
  );
}
