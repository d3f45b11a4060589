import { useId, useMemo, useState } from 'react';
import { extent, symmetricDomain } from '../../analysis/rows';
import { HeatmapCanvas, type Cell } from './HeatmapCanvas';
import { arrayKey } from './arrayKey';
import { ColorLegend } from './ColorLegend';
import type { ScaleKind } from './colorLut';
import { t } from '../../i18n';
import { usePalette } from './palette';

export interface MatrixViewProps {
  title: string;
  /** the tensor's shape as the trace names it, e.g. "[65, 64]" */
  shape: string;
  values: Float32Array;
  rows: number;
  cols: number;
  /** names a row (usually a token) for the readout */
  rowName: (row: number) => string;
  colName?: (col: number) => string;
  /** signed activations use a diverging map centred on 0; probabilities a sequential one from 0 */
  signed?: boolean;
  domain?: [number, number];
  scale?: ScaleKind;
  width: number;
  height: number;
  highlightRow?: number | null;
  testId?: string;
}

/** A matrix of the trace as a heatmap, with its shape, a legend and a hover readout. */
export function MatrixView({
  title,
  shape,
  values,
  rows,
  cols,
  rowName,
  colName = (c) => t('matrix.dim', { c }),
  signed = true,
  domain,
  scale = 'linear',
  width,
  height,
  highlightRow,
  testId,
}: MatrixViewProps) {
  const [hover, setHover] = useState<Cell | null>(null);
  const [locked, setLocked] = useState<Cell | null>(null);
  const valuesKey = arrayKey(values);
  const computed = useMemo(
    () => (signed ? symmetricDomain(values) : extent(values)),
    // keyed on the array's memory (see arrayKey), not on the view object
    [signed, valuesKey],
  );
  const shownDomain = useMemo<[number, number]>(() => domain ?? computed, [domain?.[0], domain?.[1], computed]);
  const palette = usePalette();
  const interpolator = signed ? palette.diverging : palette.sequential;
  const shown = locked ?? hover;
  const readoutId = useId();
  return (
    <figure className="matrix" data-testid={testId}>
      <figcaption>
        <strong>{title}</strong> <span className="shape">{shape}</span>
      </figcaption>
      <HeatmapCanvas
        values={values}
        rows={rows}
        cols={cols}
        domain={shownDomain}
        interpolator={interpolator}
        scale={scale}
        width={width}
        height={height}
        marked={shown}
        highlightRow={highlightRow}
        onHoverCell={setHover}
        onSelectCell={(c) => setLocked((old) => (old && old.row === c.row && old.col === c.col ? null : c))}
        label={t('matrix.label', { title, rows, cols })}
        describedBy={readoutId}
      />
      <div className="matrix-foot">
        <ColorLegend domain={shownDomain} interpolator={interpolator} width={Math.min(160, width)} title="" />
        <span className="readout" id={readoutId} aria-live="polite" data-testid={testId ? `${testId}-readout` : undefined}>
          {shown
            ? `${rowName(shown.row)}, ${colName(shown.col)}: ${values[shown.row * cols + shown.col]!.toFixed(4)}${locked ? ' ' + t('common.locked') : ''}`
            : t('matrix.hover')}
        </span>
      </div>
    </figure>
  );
}
