import { layerInput } from '../../analysis/rows';
import { MatrixView } from '../common/MatrixView';
import type { StageProps } from './stageProps';
import { t } from '../../i18n';

export function AttnOutStage({ trace, dims, selection, tokenName }: StageProps) {
  const { layer, query } = selection;
  const l = trace.layers[layer]!;
  const input = layerInput(trace, layer);
  const h = Math.min(260, Math.max(120, dims.T * 2));
  const common = { rows: dims.T, cols: dims.D, rowName: tokenName, highlightRow: query, width: 250, height: h };
  return (
    <div className="stage-body">
      <div className="flow wrap">
        <MatrixView title={t('stage.blockInput')} shape={`[${dims.T}, ${dims.D}]`} values={input.data} {...common} />
        <span className="arrow">+</span>
        <MatrixView
          testId="attn-out"
          title={t('stage.attnOut.output')}
          shape={`layer${layer}.attn_out [${dims.T}, ${dims.D}]`}
          values={l.attnOut.data}
          {...common}
        />
        <span className="arrow">=</span>
        <MatrixView
          title={t('stage.attnOut.residual')}
          shape={`layer${layer}.residual1 [${dims.T}, ${dims.D}]`}
          values={l.residual1.data}
          {...common}
        />
      </div>
    </div>
  );
}
