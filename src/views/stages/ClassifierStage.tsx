import { topK } from '../../analysis/topK';
import { MatrixView } from '../common/MatrixView';
import { PredictionPanel } from '../prediction/PredictionPanel';
import type { StageProps } from './stageProps';
import { t } from '../../i18n';
import { traceClassNames } from '../common/classNames';

export function ClassifierStage({ trace, dims, tokenName }: StageProps) {
  const h = Math.min(260, Math.max(120, dims.T * 2));
  return (
    <div className="stage-body">
      <div className="flow wrap">
        <MatrixView
          title={t('stage.classifier.finalNorm')}
          shape={`final_norm [${dims.T}, ${dims.D}]`}
          values={trace.finalNorm.data}
          rows={dims.T}
          cols={dims.D}
          rowName={tokenName}
          highlightRow={dims.pooling === 'cls' ? 0 : null}
          width={280}
          height={h}
        />
        <span className="arrow">{dims.pooling === 'cls' ? t('stage.classifier.takeCls') : t('stage.classifier.mean')}</span>
        <MatrixView
          testId="pooled"
          title={t('stage.classifier.pooled')}
          shape={`pooled [${dims.D}]`}
          values={trace.pooled.data}
          rows={1}
          cols={dims.D}
          rowName={() => 'pooled'}
          width={280}
          height={28}
        />
      </div>
      <PredictionPanel top={trace.probs ? topK(trace.probs.data, traceClassNames(trace), 5) : null} numClasses={dims.C} compact />
    </div>
  );
}
