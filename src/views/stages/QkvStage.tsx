import { MatrixView } from '../common/MatrixView';
import type { StageProps } from './stageProps';
import { t } from '../../i18n';

export function QkvStage({ trace, dims, selection, tokenName }: StageProps) {
  const { layer, head, query } = selection;
  const l = trace.layers[layer]!;
  const slice = (m: { data: Float32Array }) => m.data.subarray(head * dims.T * dims.d, (head + 1) * dims.T * dims.d);
  const h = Math.min(300, Math.max(140, dims.T * 2));
  const w = Math.min(240, Math.max(90, dims.d * 6));
  return (
    <div className="stage-body">
      <div className="flow wrap">
        {(['q', 'k', 'v'] as const).map((key) => (
          <MatrixView
            key={key}
            testId={`qkv-${key}`}
            title={`${key.toUpperCase()}${t('card.comma')}${t('common.headN', { head })}`}
            shape={`layer${layer}.${key}[${head}] [${dims.T}, ${dims.d}]`}
            values={slice(l[key])}
            rows={dims.T}
            cols={dims.d}
            rowName={tokenName}
            highlightRow={query}
            width={w}
            height={h}
          />
        ))}
      </div>
      <p className="muted">{t('stage.qkv.rows', { d: dims.d, name: tokenName(query) })}</p>
    </div>
  );
}
