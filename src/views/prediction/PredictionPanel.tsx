import type { RankedClass } from '../../analysis/topK';
import { t } from '../../i18n';

export interface PredictionPanelProps {
  /** null when the model has no classifier */
  top: RankedClass[] | null;
  numClasses: number;
  /** inside another panel: no frame, and not the page's `prediction` hook */
  compact?: boolean;
}

/** The top-k classes as bars. */
export function PredictionPanel({ top, numClasses, compact = false }: PredictionPanelProps) {
  const testId = compact ? undefined : 'prediction';
  const body =
    top === null ? (
      <p className="explain" data-testid={testId}>
        {t('prediction.none')}
      </p>
    ) : (
      <>
        <p className="explain">{t('prediction.explain', { C: numClasses, k: top.length })}</p>
        <p className="top1">
          <span data-testid={testId}>{top[0]?.label}</span>
          <span className="muted"> · {((top[0]?.probability ?? 0) * 100).toFixed(1)}%</span>
        </p>
        <ol className="bars">
          {top.map((c) => (
            <li key={c.index}>
              <span className="bar-label">{c.label}</span>
              <span className="bar-track">
                <span className="bar-fill" style={{ width: `${(c.probability * 100).toFixed(2)}%` }} />
              </span>
              <span className="bar-value">{(c.probability * 100).toFixed(1)}%</span>
            </li>
          ))}
        </ol>
      </>
    );
  if (compact) return <div className="prediction-compact">{body}</div>;
  return (
    <section className="panel" aria-labelledby="prediction-title">
      <h2 id="prediction-title">{t('prediction.title')}</h2>
      {body}
    </section>
  );
}
