/** The Hub's failures in plain words: what went wrong, for which file, and what to do. */
import type { HubApiError } from '@huggingface/hub';
import { t } from '../../i18n';

/**
 * @huggingface/hub's HubApiError, told by its fields: the Hub client loads with the first Hub
 * request (a dynamic import), so this module, which the page loads up front, does not import its class.
 */
const isHubApiError = (e: unknown): e is HubApiError =>
  e instanceof Error && typeof (e as { statusCode?: unknown }).statusCode === 'number' && typeof (e as { url?: unknown }).url === 'string';

export class HubError extends Error {
  constructor(
    message: string,
    /** true when trying again may help (network trouble); the page offers Retry */
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

export class HubCancelled extends Error {
  constructor() {
    super(t('hubErrors.cancelled'));
    this.name = 'HubCancelled';
  }
}

export const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

const isOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

/** Turns what fetch or @huggingface/hub threw into a HubError that names the model, file and address. */
export function explainHubFailure(
  error: unknown,
  what: { id: string; file: string; url: string; hubUrl: string; token: boolean },
): Error {
  if (error instanceof HubError || error instanceof HubCancelled) return error;
  if (isAbort(error)) return new HubCancelled();
  if (isHubApiError(error)) {
    const status = error.statusCode;
    if (status === 401 || status === 403) {
      return new HubError(
        t(what.token ? 'hubErrors.tokenRefused' : 'hubErrors.needsToken', { id: what.id, file: what.file, status, hub: what.hubUrl }),
      );
    }
    if (status === 404) {
      return new HubError(t('hubErrors.notFound', { id: what.id, file: what.file, url: what.url }));
    }
    return new HubError(
      t('hubErrors.status', { id: what.id, file: what.file, status, message: error.message }),
      status >= 500 || status === 429,
    );
  }
  if (error instanceof TypeError && /token must start/.test(error.message)) {
    return new HubError(t('hubErrors.badToken', { message: error.message }));
  }
  if (isOffline()) {
    return new HubError(
      t('hubErrors.offline', { id: what.id, file: what.file }),
      true,
    );
  }
  if (error instanceof TypeError || (typeof error === 'string' && /fetch|network/i.test(error))) {
    return new HubError(
      t('hubErrors.network', { url: what.url, hub: what.hubUrl }),
      true,
    );
  }
  return error instanceof Error ? error : new HubError(String(error));
}
