import { useState } from 'react';
import { DEFAULT_HUB_URL } from '../../platform/hub/hubRef';
import { t } from '../../i18n';

/** The question a link's `?hub=` raises: the address in full, and nothing sent there before a yes. */
export interface HubLinkQuestionProps {
  /** the link's hub waiting for an answer, null when none */
  question: { url: string; answer: (a: { accept: boolean; remember: boolean }) => void } | null;
}

export function HubLinkQuestion({ question }: HubLinkQuestionProps) {
  const [remember, setRemember] = useState(false);
  if (!question) return null;
  return (
    <div
      className="hub-confirm hub-link-question"
      role="alertdialog"
      aria-label={t('hubLink.label')}
      data-testid="hub-link-question"
    >
      <p>
        {t('hubLink.asks')} <code data-testid="hub-link-url">{question.url}</code>
        {t('hubLink.trust')}
      </p>
      <label className="muted">
        <input
          type="checkbox"
          data-testid="hub-link-remember"
          checked={remember}
          onChange={(e) => setRemember(e.target.checked)}
        />{' '}
        {t('hubLink.remember')}
      </label>{' '}
      <button type="button" data-testid="hub-link-confirm" onClick={() => question.answer({ accept: true, remember })}>
        {t('hubLink.use', { url: question.url })}
      </button>{' '}
      <button type="button" data-testid="hub-link-decline" onClick={() => question.answer({ accept: false, remember: false })}>
        {DEFAULT_HUB_URL === question.url ? t('hubLink.declineSaved') : t('hubLink.declineMine')}
      </button>
    </div>
  );
}
