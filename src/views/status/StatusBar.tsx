import type { AppState } from '../../state/appState';
import { t } from '../../i18n';

export type { AppState };

export interface StatusBarProps {
  state: AppState;
  message: string;
  error: string | null;
  onDismissError: () => void;
  /** some panel failed: the state is what it is, but the line must not look all well */
  degraded?: boolean;
}

/** What the page is doing now, and the last error in plain words. */
export function StatusBar({ state, message, error, onDismissError, degraded = false }: StatusBarProps) {
  return (
    <div className="status-bar">
      <span
        data-testid="status"
        data-state={state}
        data-degraded={degraded || undefined}
        className={`status status-${state}${degraded ? ' status-degraded' : ''}`}
        role="status"
      >
        {message}
      </span>
      {error && (
        <div className="error" role="alert">
          <strong className="error-title">{t('status.errorTitle')}</strong>
          <pre data-testid="error-message">{error}</pre>
          <button type="button" onClick={onDismissError} aria-label={t('status.dismiss')}>
            ✕
          </button>
        </div>
      )}
    </div>
  );
}
