import { useId, useState } from 'react';
import type { ShownArray } from '../../analysis/compare';
import type { Interpolator } from '../common/colorLut';
import { HeatmapCanvas, type Cell } from '../common/HeatmapCanvas';
import { t } from '../../i18n';

export interface CompareFigureProps {
  title: string;
  array: ShownArray;
  /** the values drawn (the array's own, or a difference of the same shape) */
  values?: Float32Array;
  domain: [number, number];
  interpolator: Interpolator;
  size: number;
  testId: string;
  /** names a cell for the readout */
  cellName: (cell: Cell) => string;
  /** a click picks this cell (e.g. the query patch); otherwise it locks the readout */
  onPick?: (cell: Cell) => void;
  marked?: Cell | null;
}

/** One side's heatmap with its tensor's name and shape, and a hover readout. */
export function CompareFigure({
  title,
  array,
  values = array.values,
  domain,
  interpolator,
  size,
  testId,
  cellName,
  onPick,
  marked,
}: CompareFigureProps) {
  const [hover, setHover] = useState<Cell | null>(null);
  const readoutId = useId();
  const aspect = array.cols / array.rows;
  const width = aspect >= 1 ? size : Math.max(40, Math.round(size * aspect));
  const height = aspect >= 1 ? Math.max(40, Math.round(size / aspect)) : size;
  return (
    <figure className="compare-figure">
      <figcaption>
        {title} <span className="shape">{`${array.source} [${array.rows}, ${array.cols}]`}</span>
      </figcaption>
      <HeatmapCanvas
        values={values}
        rows={array.rows}
        cols={array.cols}
        domain={domain}
        interpolator={interpolator}
        width={width}
        height={height}
        testId={testId}
        marked={hover ?? marked}
        onHoverCell={setHover}
        onSelectCell={onPick}
        label={t('matrix.label', { title, rows: array.rows, cols: array.cols })}
        describedBy={readoutId}
      />
      <span className="readout" id={readoutId} aria-live="polite">
        {hover ? `${cellName(hover)}: ${values[hover.row * array.cols + hover.col]!.toFixed(4)}` : t('matrix.hover')}
      </span>
    </figure>
  );
}
