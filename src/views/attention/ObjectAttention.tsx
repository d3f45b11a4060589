import { useMemo } from 'react';
import { meanHeadsRow, patchPart } from '../../analysis/rows';
import { attentionOnObject } from '../../analysis/objectAttention';
import type { Matrix } from '../../model/trace';
import { ImageOverlay } from './ImageOverlay';

export interface ObjectAttentionProps {
  /** the last layer's attention [h, T, T] */
  attn: Matrix;
  numLayers: number;
  pixels: ImageData;
  grid: number;
  /** how much of each patch the object covers, 0…1 (from the sample's mask) */
  coverage: number[];
  label: string;
}

/** Does the model look at the object? The last layer's [CLS] attention against the object's mask. */
export function ObjectAttention({ attn, numLayers, pixels, grid, coverage, label }: ObjectAttentionProps) {
  const row = useMemo(() => patchPart(meanHeadsRow(attn, 0), attn.shape[2]! - grid * grid), [attn, grid]);
  const { share, area } = attentionOnObject(row, coverage);
  const outlined = useMemo(() => coverage.map((c) => c >= 0.25), [coverage]);
  return (
    <div className="object-attention">
      <ImageOverlay
        pixels={pixels}
        grid={grid}
        values={row}
        selected={null}
        outlined={outlined}
        size={200}
        label={`[CLS] attention of the last layer, with the ${label} outlined`}
        testId="object-overlay"
      />
      <p data-testid="object-share">
        <strong>{(share * 100).toFixed(1)}%</strong> of the last layer's (layer {numLayers - 1}) [CLS] attention, averaged over
        heads, falls on the {label}, which covers {(area * 100).toFixed(1)}% of the image. Looking at random would give{' '}
        {(area * 100).toFixed(1)}%.
        <span className="muted">
          {' '}
          The outline marks patches at least a quarter covered; the share weighs every patch by how much of it is object.
        </span>
      </p>
    </div>
  );
}
