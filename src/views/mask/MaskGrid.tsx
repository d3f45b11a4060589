import { useEffect, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { drawImageSharp } from '../attention/ImageOverlay';

export interface MaskGridProps {
  pixels: ImageData;
  rows: number;
  cols: number;
  masked: readonly boolean[];
  /** the keyboard's cell, outlined */
  focus: number;
  /** a press starts a stroke on a patch; dragging paints more patches into it */
  onStroke: (patch: number) => void;
  onPaint: (patch: number) => void;
  onToggle: (patch: number) => void;
  onFocus: (patch: number) => void;
  size: number;
  label: string;
  describedBy: string;
}

/** The image with its patch grid: masked patches hatched, the keyboard's cell outlined. Press and drag to mask. */
export function MaskGrid({ pixels, rows, cols, masked, focus, onStroke, onPaint, onToggle, onFocus, size, label, describedBy }: MaskGridProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const dragging = useRef<number | null>(null);

  useEffect(() => {
    const ctx = drawImageSharp(ref.current!, pixels, size);
    const cw = size / cols;
    const ch = size / rows;
    ctx.lineWidth = 1;
    masked.forEach((m, p) => {
      if (!m) return;
      const x = (p % cols) * cw;
      const y = Math.floor(p / cols) * ch;
      ctx.fillStyle = 'rgba(20, 20, 28, 0.72)';
      ctx.fillRect(x, y, cw, ch);
      ctx.strokeStyle = 'rgba(255, 255, 255, 0.55)';
      ctx.beginPath();
      ctx.moveTo(x, y + ch);
      ctx.lineTo(x + cw, y);
      ctx.stroke();
    });
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.45)';
    ctx.beginPath();
    for (let c = 0; c <= cols; c++) {
      ctx.moveTo(Math.round(c * cw) + 0.5, 0);
      ctx.lineTo(Math.round(c * cw) + 0.5, size);
    }
    for (let r = 0; r <= rows; r++) {
      ctx.moveTo(0, Math.round(r * ch) + 0.5);
      ctx.lineTo(size, Math.round(r * ch) + 0.5);
    }
    ctx.stroke();
    ctx.strokeStyle = '#ffb000';
    ctx.lineWidth = 2.5;
    ctx.strokeRect((focus % cols) * cw + 1.5, Math.floor(focus / cols) * ch + 1.5, cw - 3, ch - 3);
  }, [pixels, rows, cols, masked, focus, size]);

  const patchAt = (event: PointerEvent<HTMLCanvasElement>): number | null => {
    const box = event.currentTarget.getBoundingClientRect();
    const col = Math.floor(((event.clientX - box.left) / box.width) * cols);
    const row = Math.floor(((event.clientY - box.top) / box.height) * rows);
    return row >= 0 && row < rows && col >= 0 && col < cols ? row * cols + col : null;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    const row = Math.floor(focus / cols);
    const col = focus % cols;
    const moves: Record<string, number> = {
      ArrowUp: Math.max(0, row - 1) * cols + col,
      ArrowDown: Math.min(rows - 1, row + 1) * cols + col,
      ArrowLeft: row * cols + Math.max(0, col - 1),
      ArrowRight: row * cols + Math.min(cols - 1, col + 1),
    };
    if (event.key in moves) {
      event.preventDefault();
      event.stopPropagation();
      onFocus(moves[event.key]!);
    } else if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      onToggle(focus);
    }
  };

  return (
    <canvas
      ref={ref}
      className="mask-grid"
      data-testid="mask-grid"
      role="img"
      aria-label={label}
      aria-describedby={describedBy}
      tabIndex={0}
      style={{ width: size, maxWidth: '100%', aspectRatio: '1 / 1', touchAction: 'none', cursor: 'crosshair' }}
      onKeyDown={onKeyDown}
      onPointerDown={(e) => {
        const p = patchAt(e);
        if (p === null || e.button !== 0) return;
        e.currentTarget.setPointerCapture?.(e.pointerId);
        dragging.current = p;
        onFocus(p);
        onStroke(p);
      }}
      onPointerMove={(e) => {
        if (dragging.current === null) return;
        const p = patchAt(e);
        if (p === null || p === dragging.current) return;
        dragging.current = p;
        onPaint(p);
      }}
      onPointerUp={() => {
        dragging.current = null;
      }}
      onPointerCancel={() => {
        dragging.current = null;
      }}
    />
  );
}
