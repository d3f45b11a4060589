import { useMemo } from 'react';
import { headRow, meanHeadsRow, patchPart } from '../../analysis/rows';
import { patchToken, tokenPatch, type TokenPrefix } from '../../analysis/tokens';
import type { Matrix } from '../../model/trace';
import { ImageOverlay } from './ImageOverlay';

export interface QueryOverlaysProps {
  attn: Matrix;
  pixels: ImageData;
  grid: number;
  /** tokens before the first patch ([CLS], distillation); true = [CLS] alone */
  hasCls: TokenPrefix;
  layer: number;
  head: number;
  query: number;
  queryName: string;
  onQuery: (token: number) => void;
}

/** The query token's attention row over the image: for the chosen head and for the mean of heads. */
export function QueryOverlays({ attn, pixels, grid, hasCls, layer, head, query, queryName, onQuery }: QueryOverlaysProps) {
  const patch = tokenPatch(query, hasCls);
  const selected = patch === null ? null : { row: Math.floor(patch / grid), col: patch % grid };
  const one = patchPart(headRow(attn, head, query), hasCls);
  const mean = useMemo(() => patchPart(meanHeadsRow(attn, query), hasCls), [attn, query, hasCls]);
  const pick = (row: number, col: number) => onQuery(patchToken(row, col, grid, hasCls));
  return (
    <div className="query-overlays">
      <figure>
        <figcaption>
          head {head}, layer {layer}
        </figcaption>
        <ImageOverlay
          testId="query-overlay-head"
          pixels={pixels}
          grid={grid}
          values={one}
          selected={selected}
          onPickPatch={pick}
          size={200}
          label={`Attention of ${queryName} over the image, head ${head}`}
        />
      </figure>
      <figure>
        <figcaption>mean of all heads</figcaption>
        <ImageOverlay
          testId="query-overlay-mean"
          pixels={pixels}
          grid={grid}
          values={mean}
          selected={selected}
          onPickPatch={pick}
          size={200}
          label={`Attention of ${queryName} over the image, mean of heads`}
        />
      </figure>
      <p className="muted">
        Where {queryName} looks{hasCls ? ' (its weight on [CLS] is left out of the picture)' : ''}. Brighter = more attention.
        Click a patch to make it the query.
      </p>
    </div>
  );
}
