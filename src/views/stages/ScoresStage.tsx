import { useMemo, useState } from 'react';
import { headMatrix } from '../../analysis/attention';
import { entropyBits, extent, headRow, rescaledHeadMap, topIndices } from '../../analysis/rows';
import { softmax } from '../../analysis/softmax';
import { MatrixView } from '../common/MatrixView';
import type { StageProps } from './stageProps';
import { t } from '../../i18n';

/**
 * Q·Kᵀ → ÷ √d → softmax for the selected query: the row's numbers at each step, the three full maps,
 * and a slider that changes the scaling factor (recomputed from the stored scores only).
 */
export function ScoresStage({ trace, dims, selection, tokenName }: StageProps) {
  const { layer, head, query } = selection;
  const l = trace.layers[layer]!;
  const standard = 1 / Math.sqrt(dims.d);
  // the slider is a multiplier on 1/√d, on a log scale from 1/16 to 16
  const [log2Factor, setLog2Factor] = useState(0);
  const factor = 2 ** log2Factor;
  const scale = standard * factor;
  const isStandard = log2Factor === 0;

  const raw = headRow(l.scores, head, query);
  const scaled = headRow(l.scaled, head, query);
  const probs = useMemo(
    () => (isStandard ? headRow(l.attn, head, query) : softmax(raw, scale)),
    [isStandard, l, head, query, raw, scale],
  );
  const map = useMemo(
    () => (isStandard ? headMatrix(l.attn, head) : rescaledHeadMap(l.scores, head, scale)),
    [isStandard, l, head, scale],
  );
  const top = topIndices(probs, Math.min(8, dims.T));
  const h = Math.min(260, Math.max(140, dims.T));

  return (
    <div className="stage-body">
      <table className="score-table" data-testid="score-row">
        <caption>{t('stage.scores.caption', { name: tokenName(query), head, n: top.length })}</caption>
        <thead>
          <tr>
            <th>{t('stage.scores.key')}</th>
            <th>{t('stage.scores.score')}</th>
            <th>÷ √{dims.d}</th>
            <th>softmax{isStandard ? '' : ` (×${factor.toFixed(2)})`}</th>
          </tr>
        </thead>
        <tbody>
          {top.map((k) => (
            <tr key={k}>
              <td>{tokenName(k)}</td>
              <td>{raw[k]!.toFixed(3)}</td>
              <td>{isStandard ? scaled[k]!.toFixed(3) : (raw[k]! * scale).toFixed(3)}</td>
              <td>
                <span className="prob-bar" style={{ width: `${(probs[k]! * 60).toFixed(1)}px` }} />
                {probs[k]!.toFixed(4)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="slider">
        <label>
          {t('stage.scores.factor')} {isStandard ? '1/√d' : `${factor.toFixed(2)} × 1/√d`} = {scale.toFixed(4)}{' '}
          <input
            data-testid="scale-slider"
            type="range"
            min={-4}
            max={4}
            step={0.25}
            value={log2Factor}
            onChange={(e) => setLog2Factor(Number(e.target.value))}
            aria-label={t('stage.scores.slider')}
          />
        </label>
        <button type="button" onClick={() => setLog2Factor(0)} disabled={isStandard}>
          {t('stage.scores.reset')}
        </button>
        <p className="muted" data-testid="scale-effect">
          {t('stage.scores.entropy', { bits: entropyBits(probs).toFixed(2), max: Math.log2(dims.T).toFixed(2), T: dims.T })}
          {!isStandard && ' ' + t('stage.scores.whatIf')}
        </p>
      </div>
      <div className="flow wrap">
        <MatrixView
          title={t('stage.scores.scores')}
          shape={`[${dims.T}, ${dims.T}]`}
          values={headMatrix(l.scores, head)}
          rows={dims.T}
          cols={dims.T}
          rowName={tokenName}
          colName={tokenName}
          highlightRow={query}
          width={h}
          height={h}
        />
        <MatrixView
          title="÷ √d"
          shape={`[${dims.T}, ${dims.T}]`}
          values={headMatrix(l.scaled, head)}
          rows={dims.T}
          cols={dims.T}
          rowName={tokenName}
          colName={tokenName}
          highlightRow={query}
          width={h}
          height={h}
        />
        <MatrixView
          testId="softmax-map"
          title={isStandard ? t('stage.scores.softmax') : t('stage.scores.softmaxAt', { f: factor.toFixed(2) })}
          shape={`[${dims.T}, ${dims.T}]`}
          values={map}
          rows={dims.T}
          cols={dims.T}
          rowName={tokenName}
          colName={tokenName}
          signed={false}
          domain={[0, Math.max(1e-9, extent(map)[1])]}
          scale={selection.colorScale}
          highlightRow={query}
          width={h}
          height={h}
        />
      </div>
    </div>
  );
}
