import { formatSize, type MemoryEstimate } from '../../model/memoryEstimate';
import { t } from '../../i18n';

/** Asks before a model big enough to strain the page is built: its sizes, then yes or no. */
export interface BigModelQuestionProps {
  /** the pending question, null when none */
  question: { estimate: MemoryEstimate; message: string; answer: (yes: boolean) => void } | null;
}

export function BigModelQuestion({ question }: BigModelQuestionProps) {
  if (!question) return null;
  const e = question.estimate;
  return (
    <div
      className="hub-confirm big-model-question"
      role="alertdialog"
      aria-label={t('bigModel.label')}
      data-testid="big-model-question"
    >
      <span data-testid="big-model-message">{question.message}</span>{' '}
      <button type="button" data-testid="big-model-confirm" onClick={() => question.answer(true)}>
        {t('bigModel.load', { size: formatSize(e.totalBytes) })}
      </button>{' '}
      <button type="button" data-testid="big-model-decline" onClick={() => question.answer(false)}>
        {t('common.notNow')}
      </button>
    </div>
  );
}
