/**
 * A checkpoint from the Hub as the loader's files: from the browser's cache when a complete copy
 * is there (no network at all), otherwise resolved and downloaded with @huggingface/hub, with
 * progress in bytes, cancellation, a question before a large download, and each file cached the
 * moment it has arrived (so Retry after a broken download fetches only what is missing).
 */
import type { ModelFile } from '../../model/loadVit';
import { cachedFileUrl, type CacheManifest, type HubCache } from './hubCache';
import { explainHubFailure, HubCancelled, HubError } from './hubErrors';
import { resolveUrl, type HubRef } from './hubRef';
import { hubOnlyAuthFetch } from './hubTokens';
import { formatBytes } from '../formatBytes';
import { resolveHubFiles, type PlannedFile } from './resolveHubFiles';

export const ASK_ABOVE_BYTES = 300e6;

export interface HubProgress {
  /** the file being fetched now */
  file: string;
  /** bytes downloaded so far over all files, and the total to download */
  loaded: number;
  total: number;
}

export interface HubLoadOptions {
  hubUrl: string;
  ref: HubRef;
  accessToken?: string;
  cache: HubCache | null;
  signal: AbortSignal;
  onProgress: (progress: HubProgress) => void;
  /** asked before downloading more than askAboveBytes; resolve false to cancel */
  confirmLarge: (bytes: number, files: string[]) => Promise<boolean>;
  askAboveBytes?: number;
  /**
   * Given config.json's text before anything else is downloaded (the weights, the large-download
   * question); throwing stops the load there: a model too big for the page costs one small file.
   */
  checkConfig?: (text: string) => Promise<void>;
  fetch?: typeof fetch;
}

export interface HubFiles {
  files: ModelFile[];
  /** every file came from the cache, with no network request */
  fromCache: boolean;
  /** bytes downloaded now (0 from the cache) */
  downloaded: number;
  note: string | null;
}

const baseName = (path: string) => path.split('/').pop() ?? path;
const asModelFile = (path: string, bytes: ArrayBuffer): ModelFile => ({ name: baseName(path), arrayBuffer: async () => bytes });

/** A complete cached copy, or null (then the network is asked). */
async function fromCache(cache: HubCache, manifest: CacheManifest | null): Promise<ModelFile[] | null> {
  if (!manifest?.complete) return null;
  const files: ModelFile[] = [];
  for (const f of manifest.files) {
    const bytes = await cache.getFile(cachedFileUrl(manifest, f));
    if (!bytes) return null;
    files.push(asModelFile(f.path, bytes));
  }
  return files;
}

/** Reads one file's body chunk by chunk, reporting bytes; refuses more or fewer than announced. */
async function download(
  file: PlannedFile,
  o: HubLoadOptions,
  fetcher: typeof fetch,
  onBytes: (n: number) => void,
): Promise<Blob> {
  const url = resolveUrl(o.hubUrl, o.ref.id, file.revision, file.path);
  const what = { id: o.ref.id, file: file.path, url, hubUrl: o.hubUrl, token: !!o.accessToken };
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    // the Hub client loads with the first Hub download, not with the page
    const { downloadFile } = await import('@huggingface/hub');
    const blob = await downloadFile({
      repo: o.ref.id,
      path: file.path,
      revision: file.revision,
      hubUrl: o.hubUrl,
      accessToken: o.accessToken,
      fetch: fetcher,
      downloadInfo: file.info,
      // plain HTTP from the resolve URL, as a mirror or a test server serves it
      xet: false,
    });
    if (!blob) throw new HubError(`${o.ref.id}: ${file.path} disappeared from the hub during the download.`);
    const reader = blob.stream().getReader();
    for (;;) {
      if (o.signal.aborted) {
        await reader.cancel().catch(() => {});
        throw new HubCancelled();
      }
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > file.size) {
        await reader.cancel().catch(() => {});
        throw new HubError(
          `${file.path}: the server sent more than the ${file.size} bytes it announced; the download was stopped.`,
        );
      }
      chunks.push(value);
      onBytes(value.byteLength);
    }
  } catch (error) {
    if (o.signal.aborted) throw new HubCancelled();
    const explained = explainHubFailure(error, what);
    if (received > 0 && explained instanceof HubError && explained.retryable) {
      throw new HubError(
        `${file.path}: the download broke off after ${formatBytes(received)} of ${formatBytes(file.size)}. ${explained.message}`,
        true,
      );
    }
    throw explained;
  }
  if (received !== file.size) {
    throw new HubError(
      `${file.path}: the download ended after ${formatBytes(received)} of ${formatBytes(file.size)} (the connection dropped?). Files already downloaded stay cached; press Retry.`,
      true,
    );
  }
  return new Blob(chunks as BlobPart[]);
}

export async function hubModelFiles(o: HubLoadOptions): Promise<HubFiles> {
  const { cache, ref, hubUrl } = o;
  const manifest = cache ? await cache.getManifest(hubUrl, ref.id, ref.revision) : null;
  if (cache) {
    const cached = await fromCache(cache, manifest);
    if (cached) return { files: cached, fromCache: true, downloaded: 0, note: manifest!.note ?? null };
  }
  // the token goes to the hub's own origin only, never to the CDN the library may call directly
  const base = hubOnlyAuthFetch(o.fetch ?? globalThis.fetch.bind(globalThis), hubUrl);
  // no-store: the Cache API below keeps the files; the HTTP cache would hold a second copy, and its
  // lock makes a request wait (up to 20 s in Chromium) behind a cancelled one for the same URL
  const fetcher: typeof fetch = (input, init) => base(input, { ...init, signal: o.signal, cache: 'no-store' });
  const plan = await resolveHubFiles({ hubUrl, accessToken: o.accessToken, fetch: fetcher }, ref);
  if (o.signal.aborted) throw new HubCancelled();
  const isCached = async (f: PlannedFile) => (cache ? cache.hasFile(cachedFileUrl({ hubUrl, id: ref.id }, f)) : false);
  const missing: PlannedFile[] = [];
  for (const f of plan.files) if (!(await isCached(f))) missing.push(f);
  const total = missing.reduce((sum, f) => sum + f.size, 0);
  // config.json first, when asked: downloaded now (kept for the loop below), or from the cache
  const early = new Map<string, Blob>();
  const config = plan.files.find((f) => f.path === 'config.json');
  if (o.checkConfig && config) {
    let text: string;
    if (missing.includes(config)) {
      const blob = await download(config, o, fetcher, () => {});
      early.set(config.path, blob);
      text = await blob.text();
    } else {
      text = new TextDecoder().decode((await cache!.getFile(cachedFileUrl({ hubUrl, id: ref.id }, config)))!);
    }
    await o.checkConfig(text);
  }
  if (
    total > (o.askAboveBytes ?? ASK_ABOVE_BYTES) &&
    !(await o.confirmLarge(
      total,
      missing.map((f) => f.path),
    ))
  ) {
    throw new HubCancelled();
  }
  const next: CacheManifest = {
    hubUrl,
    id: ref.id,
    revision: ref.revision,
    files: plan.files.map(({ path, revision, size }) => ({ path, revision, size })),
    complete: false,
    savedAt: new Date().toISOString(),
    note: plan.note,
  };
  await cache?.putManifest(next);
  const bytes = new Map<string, ArrayBuffer>();
  let loaded = 0;
  for (const f of missing) {
    o.onProgress({ file: f.path, loaded, total });
    const got = early.get(f.path);
    if (got) loaded += got.size;
    const blob =
      got ??
      (await download(f, o, fetcher, (n) => {
        loaded += n;
        o.onProgress({ file: f.path, loaded, total });
      }));
    await cache?.putFile(cachedFileUrl({ hubUrl, id: ref.id }, f), blob);
    bytes.set(f.path, await blob.arrayBuffer());
  }
  const files: ModelFile[] = [];
  for (const f of plan.files) {
    const data = bytes.get(f.path) ?? (await cache!.getFile(cachedFileUrl({ hubUrl, id: ref.id }, f)));
    if (!data) throw new HubError(`${f.path} vanished from the browser's cache during the load; load again.`, true);
    files.push(asModelFile(f.path, data));
  }
  await cache?.putManifest({ ...next, complete: true });
  return { files, fromCache: false, downloaded: loaded, note: plan.note };
}
