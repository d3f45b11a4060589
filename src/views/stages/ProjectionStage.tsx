import { MatrixView } from '../common/MatrixView';
import type { StageProps } from './stageProps';
import { t } from '../../i18n';

/** The seed demo's last step: the heads concatenated, then the output projection (no residual). */
export function ProjectionStage({ trace, dims, selection, tokenName }: StageProps) {
  const l = trace.layers[0]!;
  return (
    <div className="stage-body">
      <div className="flow wrap">
        <MatrixView
          title={t('stage.projection.input')}
          shape={`[${dims.T}, ${dims.D}]`}
          values={l.norm1.data}
          rows={dims.T}
          cols={dims.D}
          rowName={tokenName}
          highlightRow={selection.query}
          width={300}
          height={160}
        />
        <span className="arrow">{t('stage.projection.attention')}</span>
        <MatrixView
          testId="demo-output"
          title={t('stage.projection.output')}
          shape={`[${dims.T}, ${dims.D}]`}
          values={l.attnOut.data}
          rows={dims.T}
          cols={dims.D}
          rowName={tokenName}
          highlightRow={selection.query}
          width={300}
          height={160}
        />
      </div>
    </div>
  );
}
