/** The Hub's failures in plain words: what went wrong, for which file, and what to do. */
import type { HubApiError } from '@huggingface/hub';

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
    super('Download cancelled; the previous model is still loaded.');
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
        what.token
          ? `${what.id}: the hub refused the token (HTTP ${status}) for ${what.file}. Check that the token can read this model and that you accepted its terms on the model's page.`
          : `${what.id}: ${what.file} needs a token (HTTP ${status}): the model is gated or private, or does not exist on ${what.hubUrl}. Paste a Hugging Face access token (hf_…) under Token and load again.`,
      );
    }
    if (status === 404) {
      return new HubError(`${what.id}: ${what.file} was not found at ${what.url} (HTTP 404). Check the model id and revision.`);
    }
    return new HubError(
      `${what.id}: the hub answered HTTP ${status} for ${what.file} (${error.message}).`,
      status >= 500 || status === 429,
    );
  }
  if (error instanceof TypeError && /token must start/.test(error.message)) {
    return new HubError(`The token is not a Hugging Face access token: ${error.message}.`);
  }
  if (isOffline()) {
    return new HubError(
      `You are offline: ${what.file} of ${what.id} could not be fetched. Files already downloaded stay cached; press Retry when you are back online.`,
      true,
    );
  }
  if (error instanceof TypeError || (typeof error === 'string' && /fetch|network/i.test(error))) {
    return new HubError(
      `Could not read ${what.url}: the network failed, or the server does not let this page read it (CORS). Check the connection and the hub address (${what.hubUrl}); files already downloaded stay cached, so Retry continues from there.`,
      true,
    );
  }
  return error instanceof Error ? error : new HubError(String(error));
}
