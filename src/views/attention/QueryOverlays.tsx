import { useMemo } from 'react';
import { headRow, meanHeadsRow, patchPart } from '../../analysis/rows';
import { cellToToken, tokenToPatch, type TokenLayout } from '../../model/tokenLayout';
import type { Matrix } from '../../model/trace';
import { ImageOverlay } from './ImageOverlay';
import { t } from '../../i18n';

export interface QueryOverlaysProps {
  attn: Matrix;
  pixels: ImageData;
  layout: TokenLayout;
  layer: number;
  head: number;
  query: number;
  queryName: string;
  onQuery: (token: number) => void;
}

/** The query token's attention row over the image: for the chosen head and for the mean of heads. */
export function QueryOverlays({ attn, pixels, layout, layer, head, query, queryName, onQuery }: QueryOverlaysProps) {
  const grid = layout.gridCols;
  const patch = tokenToPatch(layout, query);
  const selected = patch === null ? null : { row: Math.floor(patch / grid), col: patch % grid };
  const one = patchPart(headRow(attn, head, query), layout);
  const mean = useMemo(() => patchPart(meanHeadsRow(attn, query), layout), [attn, query, layout]);
  const pick = (row: number, col: number) => onQuery(cellToToken(layout, row, col));
  const prefixNames = layout.prefix.map((p) => p.name).join(', ');
  return (
    <div className="query-overlays">
      <figure>
        <figcaption>
          {t('common.headN', { head })}
          {t('card.comma')}
          {t('common.layerN', { layer })}
        </figcaption>
        <ImageOverlay
          testId="query-overlay-head"
          pixels={pixels}
          grid={grid}
          values={one}
          selected={selected}
          onPickPatch={pick}
          size={200}
          label={t('attention.queryHeadLabel', { name: queryName, head })}
        />
      </figure>
      <figure>
        <figcaption>{t('attention.meanHeads')}</figcaption>
        <ImageOverlay
          testId="query-overlay-mean"
          pixels={pixels}
          grid={grid}
          values={mean}
          selected={selected}
          onPickPatch={pick}
          size={200}
          label={t('attention.queryMeanLabel', { name: queryName })}
        />
      </figure>
      <p className="muted">
        {t('attention.whereLooks', { name: queryName })}
        {prefixNames ? t('attention.leftOut', { names: prefixNames }) : ''}
        {t('attention.brighter')}
      </p>
    </div>
  );
}
