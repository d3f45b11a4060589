/**
 * A Hub access token belongs to the hub origin it was entered for. Remembered tokens are kept per
 * origin in localStorage (`vitlens.hubTokens`: origin → token); a token is handed out only for a
 * request to that same origin, and the fetch the Hub library uses drops `Authorization` from any
 * request to another origin (the CDN a download is sent to, a redirect's target the library then
 * asks directly). Pure apart from the Storage it is given.
 */
import { DEFAULT_HUB_URL } from './hubRef';

export const TOKENS_KEY = 'vitlens.hubTokens';
/** before tokens were bound to an origin: one token for whatever hub was set */
export const LEGACY_TOKEN_KEY = 'vitlens.hubToken';
export const HUB_KEY = 'vitlens.hubUrl';

/** The origin of a hub address (scheme, host, port), or null when it is not a web address. */
export function hubOrigin(url: string): string | null {
  try {
    const u = new URL(url.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

type Tokens = Record<string, string>;

function read(storage: Storage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(storage: Storage | null, key: string, value: string | null) {
  try {
    if (value === null) storage?.removeItem(key);
    else storage?.setItem(key, value);
  } catch {
    // storage blocked: the setting lasts for this page only
  }
}

/**
 * The remembered tokens by origin. A token remembered before tokens had an origin is bound to the
 * hub that was saved with it (the one the user had set; huggingface.co when none) and moved over.
 */
export function storedTokens(storage: Storage | null): Tokens {
  const tokens: Tokens = Object.create(null) as Tokens;
  try {
    const parsed: unknown = JSON.parse(read(storage, TOKENS_KEY) ?? '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      for (const [origin, token] of Object.entries(parsed)) {
        if (typeof token === 'string' && hubOrigin(origin) === origin) tokens[origin] = token;
      }
    }
  } catch {
    // unreadable: start again with none
  }
  const legacy = read(storage, LEGACY_TOKEN_KEY);
  if (legacy !== null) {
    const origin = hubOrigin(read(storage, HUB_KEY) ?? DEFAULT_HUB_URL) ?? hubOrigin(DEFAULT_HUB_URL)!;
    if (!(origin in tokens) && legacy !== '') tokens[origin] = legacy;
    write(storage, TOKENS_KEY, JSON.stringify(tokens));
    write(storage, LEGACY_TOKEN_KEY, null);
  }
  return tokens;
}

/** Remembers (or, with null, forgets) the token for one hub's origin. */
export function storeToken(storage: Storage | null, hubUrl: string, token: string | null): void {
  const origin = hubOrigin(hubUrl);
  if (!origin) return;
  const tokens = storedTokens(storage);
  if (token === null || token === '') delete tokens[origin];
  else tokens[origin] = token;
  write(storage, TOKENS_KEY, Object.keys(tokens).length > 0 ? JSON.stringify(tokens) : null);
}

/** The token remembered for this hub's origin, or '' when none. */
export function rememberedTokenFor(storage: Storage | null, hubUrl: string): string {
  const origin = hubOrigin(hubUrl);
  return origin ? (storedTokens(storage)[origin] ?? '') : '';
}

const requestUrl = (input: RequestInfo | URL): string =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;

/**
 * A fetch that sends `Authorization` only to the hub's own origin. @huggingface/hub adds the token
 * itself to requests it makes to the CDN a download was redirected to (when the response says it
 * came through CloudFront); this strips it there. Redirects the browser follows itself lose the
 * header on leaving the origin (the Fetch standard, in Chromium since 2023).
 */
export function hubOnlyAuthFetch(base: typeof fetch, hubUrl: string): typeof fetch {
  const origin = hubOrigin(hubUrl);
  return (input, init) => {
    const target = hubOrigin(requestUrl(input));
    if (target !== null && target === origin) return base(input, init);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    if (!headers.has('Authorization')) return base(input, init);
    headers.delete('Authorization');
    return base(input instanceof Request ? new Request(input, { headers }) : input, { ...init, headers });
  };
}
