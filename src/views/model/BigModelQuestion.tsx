import { useBigModelQuestion } from '../../app/bigModelGuard';
import { formatSize } from '../../model/memoryEstimate';

/** Asks before a model big enough to strain the page is built: its sizes, then yes or no. */
export function BigModelQuestion() {
  const question = useBigModelQuestion();
  if (!question) return null;
  const e = question.estimate;
  return (
    <div className="hub-confirm big-model-question" role="alertdialog" aria-label="Big model" data-testid="big-model-question">
      <span data-testid="big-model-message">{question.message}</span>{' '}
      <button type="button" data-testid="big-model-confirm" onClick={() => question.answer(true)}>
        Load it ({formatSize(e.totalBytes)})
      </button>{' '}
      <button type="button" data-testid="big-model-decline" onClick={() => question.answer(false)}>
        Not now
      </button>
    </div>
  );
}
