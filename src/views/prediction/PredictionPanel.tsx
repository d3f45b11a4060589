import type { RankedClass } from '../../analysis/topK';

export interface PredictionPanelProps {
  /** null when the model has no classifier */
  top: RankedClass[] | null;
  numClasses: number;
}

/** The top-k classes as bars. */
export function PredictionPanel({ top, numClasses }: PredictionPanelProps) {
  return (
    <section className="panel" aria-labelledby="prediction-title">
      <h2 id="prediction-title">Prediction</h2>
      {top === null ? (
        <p className="explain" data-testid="prediction">
          This checkpoint has no classifier, so there is no prediction: explore its attention and features.
        </p>
      ) : (
        <>
          <p className="explain">
            softmax of the classifier's logits, shape [C] = [{numClasses}]. Top {top.length}:
          </p>
          <p className="top1">
            <span data-testid="prediction">{top[0]?.label}</span>
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
      )}
    </section>
  );
}
