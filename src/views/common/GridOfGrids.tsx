import { useEffect, useId, useRef, useState } from 'react';
import type { Interpolator } from './colorLut';
import { lutOf } from './palette';
import { t } from '../../i18n';

export interface GridOfGridsProps {
  /** [N, N] with N = grid²: row i is drawn as a small grid at position i */
  values: Float32Array;
  grid: number;
  domain: [number, number];
  interpolator: Interpolator;
  /** displayed side in CSS pixels */
  size: number;
  label: string;
  testId?: string;
  /** names the hovered (position, other position) pair */
  describe: (i: number, j: number, value: number) => string;
}

/** One small grid per position, each showing that position's row, laid out as the grid itself, with a gap between. */
export function GridOfGrids({ values, grid, domain, interpolator, size, label, testId, describe }: GridOfGridsProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const lut = lutOf(interpolator);
  const [hover, setHover] = useState<string | null>(null);
  const readoutId = useId();
  const cell = grid + 1; // grid pixels + a one-pixel gap
  const side = grid * cell - 1;
  useEffect(() => {
    const canvas = ref.current!;
    canvas.width = side;
    canvas.height = side;
    const ctx = canvas.getContext('2d')!;
    const image = ctx.createImageData(side, side);
    image.data.fill(255);
    const N = grid * grid;
    const k = 255 / (domain[1] - domain[0] || 1);
    for (let i = 0; i < N; i++) {
      const oy = Math.floor(i / grid) * cell;
      const ox = (i % grid) * cell;
      for (let j = 0; j < N; j++) {
        const t = Math.min(255, Math.max(0, Math.round((values[i * N + j]! - domain[0]) * k))) * 3;
        const at = ((oy + Math.floor(j / grid)) * side + ox + (j % grid)) * 4;
        image.data[at] = lut[t]!;
        image.data[at + 1] = lut[t + 1]!;
        image.data[at + 2] = lut[t + 2]!;
      }
    }
    ctx.putImageData(image, 0, 0);
  }, [values, grid, domain[0], domain[1], lut]);
  const onMove = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const px = Math.floor(((e.clientX - box.left) / box.width) * side);
    const py = Math.floor(((e.clientY - box.top) / box.height) * side);
    if (px % cell === grid || py % cell === grid) return setHover(null);
    const i = Math.floor(py / cell) * grid + Math.floor(px / cell);
    const j = (py % cell) * grid + (px % cell);
    const N = grid * grid;
    setHover(i < N && j < N ? describe(i, j, values[i * N + j]!) : null);
  };
  return (
    <div>
      <canvas
        ref={ref}
        className="pixelated"
        data-testid={testId}
        role="img"
        aria-label={label}
        aria-describedby={readoutId}
        style={{ width: size, maxWidth: '100%', aspectRatio: '1' }}
        onPointerMove={onMove}
        onClick={onMove}
        onPointerLeave={() => setHover(null)}
      />
      <p className="readout muted" id={readoutId} aria-live="polite">
        {hover ?? t('grid.hover')}
      </p>
    </div>
  );
}
