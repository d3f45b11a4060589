import { MatrixView } from '../common/MatrixView';
import type { StageProps } from './stageProps';
import { t } from '../../i18n';

export function MlpStage({ trace, dims, selection, tokenName }: StageProps) {
  const { layer, query } = selection;
  const l = trace.layers[layer]!;
  const h = Math.min(260, Math.max(120, dims.T * 2));
  let active = 0;
  const row = l.mlpHidden.data.subarray(query * dims.M, (query + 1) * dims.M);
  for (const v of row) if (v > 0) active++;
  return (
    <div className="stage-body">
      <div className="flow wrap">
        <MatrixView
          title="LN"
          shape={`layer${layer}.norm2 [${dims.T}, ${dims.D}]`}
          values={l.norm2.data}
          rows={dims.T}
          cols={dims.D}
          rowName={tokenName}
          highlightRow={query}
          width={160}
          height={h}
        />
        <span className="arrow">→ fc1, {dims.act} →</span>
        <MatrixView
          testId="mlp-hidden"
          title={t('stage.mlp.hidden')}
          shape={`layer${layer}.mlp_hidden [${dims.T}, ${dims.M}]`}
          values={l.mlpHidden.data}
          rows={dims.T}
          cols={dims.M}
          rowName={tokenName}
          colName={(c) => `unit ${c}`}
          highlightRow={query}
          width={230}
          height={h}
        />
        <span className="arrow">→ fc2, + →</span>
        <MatrixView
          title={t('stage.mlp.output')}
          shape={`layer${layer}.out [${dims.T}, ${dims.D}]`}
          values={l.out.data}
          rows={dims.T}
          cols={dims.D}
          rowName={tokenName}
          highlightRow={query}
          width={160}
          height={h}
        />
      </div>
      <p className="numbers">
        {tokenName(query)}
        {t('stage.mlp.active', { active, M: dims.M, act: dims.act, pct: ((active / dims.M) * 100).toFixed(0) })}
      </p>
    </div>
  );
}
