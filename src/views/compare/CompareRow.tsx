import { differenceOf, sharedDomain, symmetricAround0, type ShownArray } from '../../analysis/compare';
import { ColorLegend } from '../common/ColorLegend';
import type { Cell } from '../common/HeatmapCanvas';
import { usePalette } from '../common/palette';
import { CompareFigure } from './CompareFigure';
import { t } from '../../i18n';

export interface CompareRowProps {
  /** what the row shows, in words */
  title: string;
  /** e.g. "stage" or "attn": the test ids are compare-a-<id>, compare-b-<id>, compare-diff-<id> */
  id: string;
  a: ShownArray | null;
  b: ShownArray | null;
  /** why B has nothing here, when it has not */
  bMissing: string;
  size: number;
  cellName: (cell: Cell) => string;
  onPick?: (cell: Cell) => void;
  marked?: Cell | null;
}

/** A, B and B − A of one array: A and B on one colour scale, the difference on a diverging one symmetric around 0. */
export function CompareRow({ title, id, a, b, bMissing, size, cellName, onPick, marked }: CompareRowProps) {
  const palette = usePalette();
  if (!a) return null;
  const signed = a.signed;
  const interpolator = signed ? palette.diverging : palette.sequential;
  const domain = sharedDomain(b ? [a, b] : [a], signed);
  const diff = b ? differenceOf(a, b) : null;
  const legendWidth = Math.min(180, size);
  return (
    <div className="compare-row" data-testid={`compare-row-${id}`}>
      <h3>{title}</h3>
      <div className="compare-cells">
        <div className="compare-cell compare-side-a">
          <CompareFigure
            title="A"
            array={a}
            domain={domain}
            interpolator={interpolator}
            size={size}
            testId={`compare-a-${id}`}
            cellName={cellName}
            onPick={onPick}
            marked={marked}
          />
        </div>
        <div className="compare-cell compare-side-b">
          {b ? (
            <CompareFigure
              title="B"
              array={b}
              domain={domain}
              interpolator={interpolator}
              size={size}
              testId={`compare-b-${id}`}
              cellName={cellName}
              onPick={onPick}
              marked={marked}
            />
          ) : (
            <p className="muted">{bMissing}</p>
          )}
        </div>
        <div className="compare-cell compare-side-diff">
          {diff?.kind === 'ok' ? (
            <CompareFigure
              title="B − A"
              array={a}
              values={diff.values}
              domain={symmetricAround0(diff.maxAbs)}
              interpolator={palette.diverging}
              size={size}
              testId={`compare-diff-${id}`}
              cellName={cellName}
              onPick={onPick}
              marked={marked}
            />
          ) : (
            <p className="muted" data-testid={`compare-nodiff-${id}`}>
              {diff ? t('compare.noDiff', { reason: diff.reason }) : ''}
            </p>
          )}
        </div>
      </div>
      <div className="compare-cells compare-legends">
        <div className="compare-legend-ab">
          <ColorLegend domain={domain} interpolator={interpolator} width={legendWidth} title={t('compare.sharedLegend')} />
        </div>
        {diff?.kind === 'ok' && (
          <div data-testid={`compare-diff-legend-${id}`}>
            <ColorLegend
              domain={symmetricAround0(diff.maxAbs)}
              interpolator={palette.diverging}
              width={legendWidth}
              title={t('compare.diffLegend')}
            />
          </div>
        )}
      </div>
    </div>
  );
}
