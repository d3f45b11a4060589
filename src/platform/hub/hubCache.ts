/**
 * Downloaded Hub files, kept in the browser's Cache API under their resolve URLs, plus one small
 * manifest per (hub, model id, revision) saying which files make the model. With a complete
 * manifest, a model opens with no network request at all. Each file is stored as soon as it has
 * arrived, so a download that breaks off keeps what it already had.
 */
import { resolveUrl } from './hubRef';

export const CACHE_NAME = 'vitlens-hub-v1';
const MANIFEST_PREFIX = 'https://vitlens.invalid/manifest/';

export interface CachedFile {
  /** path in the repository, e.g. model.safetensors */
  path: string;
  /** the revision it came from (weights may come from a conversion ref such as refs/pr/3) */
  revision: string;
  size: number;
}

export interface CacheManifest {
  hubUrl: string;
  id: string;
  revision: string;
  files: CachedFile[];
  /** false while (or after) a download that did not finish */
  complete: boolean;
  savedAt: string;
  /** a note on where the weights came from, shown with the model */
  note?: string | null;
}

export interface CacheEntry extends CacheManifest {
  /** bytes of the files actually in the cache */
  bytes: number;
  filesCached: number;
}

const manifestKey = (hubUrl: string, id: string, revision: string) =>
  `${MANIFEST_PREFIX}${encodeURIComponent(hubUrl)}/${id}/${encodeURIComponent(revision)}`;

export const cachedFileUrl = (m: { hubUrl: string; id: string }, f: { path: string; revision: string }) =>
  resolveUrl(m.hubUrl, m.id, f.revision, f.path);

export class HubCache {
  private constructor(private readonly cache: Cache) {}

  /** The cache, or null where the browser has none (an insecure origin, or storage blocked). */
  static async open(): Promise<HubCache | null> {
    try {
      if (typeof caches === 'undefined') return null;
      return new HubCache(await caches.open(CACHE_NAME));
    } catch {
      return null;
    }
  }

  async getFile(url: string): Promise<ArrayBuffer | null> {
    const response = await this.cache.match(url);
    return response ? response.arrayBuffer() : null;
  }

  async hasFile(url: string): Promise<boolean> {
    return (await this.cache.match(url)) !== undefined;
  }

  async putFile(url: string, data: Blob): Promise<void> {
    await this.cache.put(url, new Response(data, { headers: { 'Content-Length': String(data.size) } }));
  }

  async getManifest(hubUrl: string, id: string, revision: string): Promise<CacheManifest | null> {
    const response = await this.cache.match(manifestKey(hubUrl, id, revision));
    if (!response) return null;
    try {
      return (await response.json()) as CacheManifest;
    } catch {
      return null;
    }
  }

  async putManifest(manifest: CacheManifest): Promise<void> {
    const body = JSON.stringify(manifest);
    await this.cache.put(
      manifestKey(manifest.hubUrl, manifest.id, manifest.revision),
      new Response(body, { headers: { 'Content-Type': 'application/json' } }),
    );
  }

  /** Every model in the cache, with the bytes it holds. */
  async list(): Promise<CacheEntry[]> {
    const entries: CacheEntry[] = [];
    for (const request of await this.cache.keys()) {
      if (!request.url.startsWith(MANIFEST_PREFIX)) continue;
      const manifest = (await (await this.cache.match(request))?.json().catch(() => null)) as CacheManifest | null;
      if (!manifest) continue;
      let bytes = 0;
      let filesCached = 0;
      for (const f of manifest.files) {
        const response = await this.cache.match(cachedFileUrl(manifest, f));
        if (!response) continue;
        filesCached++;
        bytes += Number(response.headers.get('Content-Length')) || f.size;
      }
      entries.push({ ...manifest, bytes, filesCached });
    }
    return entries.sort((a, b) => a.id.localeCompare(b.id) || a.revision.localeCompare(b.revision));
  }

  /** Removes one model's manifest and files (files another cached model also uses stay). */
  async remove(entry: { hubUrl: string; id: string; revision: string }): Promise<void> {
    const manifest = await this.getManifest(entry.hubUrl, entry.id, entry.revision);
    await this.cache.delete(manifestKey(entry.hubUrl, entry.id, entry.revision));
    if (!manifest) return;
    const stillUsed = new Set((await this.list()).flatMap((m) => m.files.map((f) => cachedFileUrl(m, f))));
    for (const f of manifest.files) {
      const url = cachedFileUrl(manifest, f);
      if (!stillUsed.has(url)) await this.cache.delete(url);
    }
  }

  static async clearAll(): Promise<void> {
    if (typeof caches !== 'undefined') await caches.delete(CACHE_NAME);
  }
}
