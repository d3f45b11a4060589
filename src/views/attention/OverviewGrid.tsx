import { memo, useEffect, useRef } from 'react';
import { interpolateViridis } from 'd3-scale-chromatic';
import type { VitTrace } from '../../model/trace';
import { headMatrix } from '../../analysis/attention';
import { colorLut, paintValues, type ScaleKind } from '../common/colorLut';

const LUT = colorLut(interpolateViridis);

function SmallMap({ values, T, scale }: { values: Float32Array; T: number; scale: ScaleKind }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current!;
    canvas.width = T;
    canvas.height = T;
    const ctx = canvas.getContext('2d')!;
    const image = ctx.createImageData(T, T);
    let hi = 0;
    for (const v of values) if (v > hi) hi = v;
    paintValues(values, [0, hi || 1], LUT, image.data, scale);
    ctx.putImageData(image, 0, 0);
  }, [values, T, scale]);
  return <canvas ref={ref} className="pixelated" />;
}

export interface OverviewGridProps {
  trace: VitTrace;
  layer: number;
  head: number;
  scale: ScaleKind;
  onPick: (layer: number, head: number) => void;
}

/** Every layer × head attention map, small; each opens in the detail views. Painted once per trace. */
export const OverviewGrid = memo(function OverviewGrid({ trace, layer, head, scale, onPick }: OverviewGridProps) {
  const T = trace.layers[0]!.attn.shape[1]!;
  const h = trace.config.numHeads;
  const cell = Math.max(28, Math.min(64, Math.floor(560 / h)));
  return (
    <div className="overview" data-testid="overview-grid" style={{ gridTemplateColumns: `auto repeat(${h}, ${cell}px)` }}>
      <span />
      {Array.from({ length: h }, (_, j) => (
        <span key={j} className="overview-label">
          h{j}
        </span>
      ))}
      {trace.layers.map((l, i) => (
        <Row
          key={i}
          index={i}
          values={l.attn}
          heads={h}
          T={T}
          scale={scale}
          selectedHead={i === layer ? head : -1}
          onPick={onPick}
          cell={cell}
        />
      ))}
    </div>
  );
});

const Row = memo(function Row({
  index,
  values,
  heads,
  T,
  scale,
  selectedHead,
  onPick,
  cell,
}: {
  index: number;
  values: VitTrace['layers'][number]['attn'];
  heads: number;
  T: number;
  scale: ScaleKind;
  selectedHead: number;
  onPick: (layer: number, head: number) => void;
  cell: number;
}) {
  return (
    <>
      <span className="overview-label">L{index}</span>
      {Array.from({ length: heads }, (_, j) => (
        <button
          key={j}
          type="button"
          className={j === selectedHead ? 'overview-cell active' : 'overview-cell'}
          style={{ width: cell, height: cell }}
          onClick={() => onPick(index, j)}
          aria-label={`Open layer ${index}, head ${j}`}
          data-testid={`overview-${index}-${j}`}
        >
          <SmallMap values={headMatrix(values, j)} T={T} scale={scale} />
        </button>
      ))}
    </>
  );
});
