/**
 * Which checkpoint on which hub: a model id with a revision, the hub's base URL, and how both
 * appear in the page's address (`?model=hf:owner/name@revision&hub=…`).
 */
import { t } from '../../i18n';

export interface HubRef {
  /** `owner/name`, or a bare `name` for the Hub's few unnamespaced models */
  id: string;
  /** a branch, tag, commit or `refs/pr/N`; "main" by default */
  revision: string;
}

export const DEFAULT_HUB_URL = 'https://huggingface.co';
export const MODEL_PARAM_PREFIX = 'hf:';

export class HubRefError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HubRefError';
  }
}

const ID = /^[A-Za-z0-9][\w.-]*(\/[A-Za-z0-9][\w.-]*)?$/;
const REVISION = /^[\w.\-/]+$/;

/** Reads "owner/name" or "owner/name@revision" (also a pasted https://huggingface.co/owner/name link). */
export function parseHubRef(text: string, revision = ''): HubRef {
  let value = text.trim();
  const link = /^https?:\/\/[^/]+\/(?:models\/)?([^/?#]+\/[^/?#]+)(?:\/tree\/([^?#]+))?/.exec(value);
  if (link) value = `${link[1]}${link[2] ? `@${decodeURIComponent(link[2])}` : ''}`;
  const at = value.indexOf('@');
  const id = at < 0 ? value : value.slice(0, at);
  const rev = (revision.trim() || (at < 0 ? '' : value.slice(at + 1)) || 'main').trim();
  if (!ID.test(id) || id.includes('..')) {
    throw new HubRefError(t('hubErrors.badId', { text: text.trim() }));
  }
  if (!REVISION.test(rev) || rev.includes('..'))
    throw new HubRefError(t('hubErrors.badRevision', { rev }));
  return { id, revision: rev };
}

/** The model key the page's address and session use: `hf:owner/name`, plus `@revision` when not main. */
export function hubModelKey(ref: HubRef): string {
  return `${MODEL_PARAM_PREFIX}${ref.id}${ref.revision === 'main' ? '' : `@${ref.revision}`}`;
}

export function hubRefFromModelParam(param: string | null): HubRef | null {
  if (!param?.startsWith(MODEL_PARAM_PREFIX)) return null;
  return parseHubRef(param.slice(MODEL_PARAM_PREFIX.length));
}

/** A hub base URL without its trailing slash; throws on anything but http(s). */
export function normaliseHubUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new HubRefError(t('hubErrors.badAddress', { text, example: DEFAULT_HUB_URL }));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HubRefError(t('hubErrors.badProtocol', { protocol: url.protocol }));
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** `{hub}/{id}/resolve/{revision}/{file}`, the Hub's download address (and the cache's key). */
export function resolveUrl(hubUrl: string, id: string, revision: string, path: string): string {
  return `${hubUrl}/${id}/resolve/${encodeURIComponent(revision)}/${path}`;
}
