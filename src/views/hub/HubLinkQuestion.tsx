import { useState } from 'react';
import { useHubLinkQuestion } from '../../app/useHubLink';
import { DEFAULT_HUB_URL } from '../../platform/hub/hubRef';

/** The question a link's `?hub=` raises: the address in full, and nothing sent there before a yes. */
export function HubLinkQuestion() {
  const question = useHubLinkQuestion();
  const [remember, setRemember] = useState(false);
  if (!question) return null;
  return (
    <div
      className="hub-confirm hub-link-question"
      role="alertdialog"
      aria-label="Hub address from a link"
      data-testid="hub-link-question"
    >
      <p>
        This link asks ViT Lens to load models from another hub: <code data-testid="hub-link-url">{question.url}</code>. Only use
        it if you trust that server; it sees which models you open (never your images), and no token is sent to it unless you type
        one for it. Nothing has been requested from it yet.
      </p>
      <label className="muted">
        <input
          type="checkbox"
          data-testid="hub-link-remember"
          checked={remember}
          onChange={(e) => setRemember(e.target.checked)}
        />{' '}
        remember this hub for next time
      </label>{' '}
      <button type="button" data-testid="hub-link-confirm" onClick={() => question.answer({ accept: true, remember })}>
        Use {question.url}
      </button>{' '}
      <button type="button" data-testid="hub-link-decline" onClick={() => question.answer({ accept: false, remember: false })}>
        No, stay with {DEFAULT_HUB_URL === question.url ? 'the saved hub' : 'my hub'} and open the default model
      </button>
    </div>
  );
}
