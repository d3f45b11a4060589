import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadVit } from '../../model/loadVit';
import { disposeVitModel } from '../../model/vitModel';
import { TestHub } from '../../../e2e/support/hubServer';
import { binOnlyRepo, deitDistilledRepo, shardedRepo, timmRepo, unshardedRepo } from '../../../e2e/support/hubRepos';
import { hubModelFiles, type HubLoadOptions } from './loadFromHub';
import { HubCancelled } from './hubErrors';
import { hubOnlyAuthFetch, rememberedTokenFor, storedTokens, storeToken } from './hubTokens';
import { hubModelKey, hubRefFromModelParam, parseHubRef } from './hubRef';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';

const hub = new TestHub();
const cdn = TestHub.cdnOf(hub);

beforeAll(async () => {
  await tf.setBackend('cpu');
  hub.repos.set('test/vit', unshardedRepo().repo);
  hub.repos.set('test/sharded', shardedRepo().repo);
  hub.repos.set('test/deit-distilled', deitDistilledRepo().repo);
  hub.repos.set('test/timm', timmRepo().repo);
  hub.repos.set('test/bin-only', binOnlyRepo().repo);
  hub.repos.set('test/cdn', { ...unshardedRepo().repo, token: 'hf_secret', redirect: 'cloudfront' });
  hub.repos.set('test/cdn-plain', { ...unshardedRepo().repo, token: 'hf_secret', redirect: 'plain' });
  await hub.start();
  await cdn.start();
});
afterAll(async () => {
  await hub.stop();
  await cdn.stop();
});

function options(id: string, extra: Partial<HubLoadOptions> = {}): HubLoadOptions {
  return {
    hubUrl: hub.url,
    ref: parseHubRef(id),
    cache: null,
    signal: new AbortController().signal,
    onProgress: () => {},
    confirmLarge: async () => true,
    ...extra,
  };
}

describe('model ids', () => {
  it('reads ids, revisions and Hub links, and mirrors them in ?model=', () => {
    expect(parseHubRef('google/vit-base-patch16-224')).toEqual({ id: 'google/vit-base-patch16-224', revision: 'main' });
    expect(parseHubRef('facebook/deit-tiny-patch16-224@refs/pr/3')).toEqual({
      id: 'facebook/deit-tiny-patch16-224',
      revision: 'refs/pr/3',
    });
    expect(parseHubRef('https://huggingface.co/facebook/dino-vits16/tree/v1')).toEqual({
      id: 'facebook/dino-vits16',
      revision: 'v1',
    });
    expect(hubModelKey({ id: 'a/b', revision: 'refs/pr/3' })).toBe('hf:a/b@refs/pr/3');
    expect(hubRefFromModelParam('hf:a/b')).toEqual({ id: 'a/b', revision: 'main' });
    expect(() => parseHubRef('not an id')).toThrow(/is not a Hugging Face model id/);
    expect(() => parseHubRef('a/../b')).toThrow(/is not a Hugging Face model id/);
  });
});

describe('hubModelFiles against a stand-in hub', () => {
  it('downloads an unsharded checkpoint with progress that reaches the total', async () => {
    const seen: number[] = [];
    let total = 0;
    const got = await hubModelFiles(options('test/vit', { onProgress: (p) => (seen.push(p.loaded), (total = p.total)) }));
    expect(got.files.map((f) => f.name)).toEqual(['config.json', 'preprocessor_config.json', 'model.safetensors']);
    expect(seen.at(-1)).toBe(total);
    expect(got.downloaded).toBe(total);
    const loaded = await loadVit(got.files);
    expect(loaded.model.config.hiddenSize).toBe(32);
    disposeVitModel(loaded.model);
  });

  it('follows model.safetensors.index.json to its shards', async () => {
    const got = await hubModelFiles(options('test/sharded'));
    expect(got.files.map((f) => f.name)).toEqual([
      'config.json',
      'model-00001-of-00002.safetensors',
      'model-00002-of-00002.safetensors',
    ]);
  });

  it("takes the weights from the conversion bot's refs/pr/N when main has only pytorch_model.bin", async () => {
    const got = await hubModelFiles(options('test/deit-distilled'));
    expect(got.note).toMatch(/refs\/pr\/3/);
    const loaded = await loadVit(got.files);
    expect(loaded.model.config.hasDistillationToken).toBe(true);
    disposeVitModel(loaded.model);
    expect(hub.requestsFor('test/deit-distilled').some((r) => r.path.includes('/resolve/refs/pr/3/model.safetensors'))).toBe(
      true,
    );
  });

  it('reads a timm repository', async () => {
    const loaded = await loadVit((await hubModelFiles(options('test/timm'))).files);
    expect(loaded.model.naming).toBe('timm');
    expect(loaded.model.config.numHeads).toBe(3);
    disposeVitModel(loaded.model);
  });

  it('reads a repository with only pytorch_model.bin, without running its pickle', async () => {
    const got = await hubModelFiles(options('test/bin-only'));
    expect(got.note).toMatch(/only pytorch_model\.bin .* never runs the pickle's code/);
    const loaded = await loadVit(got.files);
    expect(loaded.fileNames).toContain('pytorch_model.bin');
    disposeVitModel(loaded.model);
  });

  it('asks before a large download and stops when declined', async () => {
    let asked = 0;
    const o = options('test/vit', { askAboveBytes: 100, confirmLarge: async (bytes) => ((asked = bytes), false) });
    await expect(hubModelFiles(o)).rejects.toBeInstanceOf(HubCancelled);
    expect(asked).toBeGreaterThan(100);
  });

  it('checkConfig sees config.json before the weights download, and its refusal stops the load there', async () => {
    const since = hub.requestsFor('test/sharded').length;
    let seen = '';
    const refuse = async (text: string) => {
      seen = text;
      throw new Error('too big');
    };
    await expect(hubModelFiles(options('test/sharded', { checkConfig: refuse }))).rejects.toThrow('too big');
    expect(JSON.parse(seen).hidden_size).toBe(32);
    const fullGets = hub
      .requestsFor('test/sharded')
      .slice(since)
      .filter((r) => r.range === null)
      .map((r) => r.path);
    // the shard index is read while planning; config.json is the only file downloaded, no shard
    expect(fullGets.sort()).toEqual([
      '/test/sharded/resolve/main/config.json',
      '/test/sharded/resolve/main/model.safetensors.index.json',
    ]);
    // accepted: config.json is not downloaded twice, and progress still reaches the total
    const since2 = hub.requestsFor('test/vit').length;
    let last = { loaded: 0, total: -1 };
    const got = await hubModelFiles(options('test/vit', { checkConfig: async () => {}, onProgress: (p) => (last = p) }));
    expect(got.files.map((f) => f.name)).toEqual(['config.json', 'preprocessor_config.json', 'model.safetensors']);
    expect(
      hub
        .requestsFor('test/vit')
        .slice(since2)
        .filter((r) => r.range === null && r.path.endsWith('config.json')),
    ).toHaveLength(2);
    expect(last.loaded).toBe(last.total);
  });

  it('a missing repository and a dropped connection are explained', async () => {
    await expect(hubModelFiles(options('test/nothing'))).rejects.toThrow(
      /needs a token \(HTTP 401\).*gated or private, or does not exist/,
    );
    hub.faults.set('test/vit/model.safetensors', 'cut-half');
    await expect(hubModelFiles(options('test/vit'))).rejects.toThrow(/model\.safetensors: the download (broke off|ended) after/);
  });
});

describe('the token goes to the hub it was given for, and nowhere else', () => {
  for (const id of ['test/cdn', 'test/cdn-plain']) {
    it(`${id}: files redirected to a CDN on another origin arrive, and the CDN is never sent the token`, async () => {
      const got = await hubModelFiles(options(id, { accessToken: 'hf_secret' }));
      expect(got.files.map((f) => f.name)).toContain('model.safetensors');
      const atHub = hub.requestsFor(id);
      expect(atHub.length).toBeGreaterThan(0);
      expect(atHub.every((r) => r.auth === 'Bearer hf_secret')).toBe(true);
      const atCdn = cdn.log.filter((r) => r.path.startsWith(`/cdn/${id}/`));
      expect(atCdn.some((r) => r.path.endsWith('/model.safetensors') && r.range === null)).toBe(true);
      expect(atCdn.map((r) => r.auth).filter((a) => a !== null)).toEqual([]);
    });
  }

  it('hubOnlyAuthFetch strips Authorization from requests to any other origin, in headers objects and Requests', async () => {
    const seen: (string | null)[] = [];
    const base = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
      seen.push(headers.get('authorization'));
      return new Response('');
    }) as typeof fetch;
    const f = hubOnlyAuthFetch(base, 'https://huggingface.co');
    const auth = { Authorization: 'Bearer t' };
    await f('https://huggingface.co/a/resolve/main/config.json', { headers: auth });
    await f('https://cdn-lfs.huggingface.co/x', { headers: auth });
    await f(new URL('https://huggingface.co.evil.example/x'), { headers: new Headers(auth) });
    await f(new Request('http://huggingface.co/x', { headers: auth }));
    await f('https://huggingface.co:444/x', { headers: [['authorization', 'Bearer t']] });
    expect(seen).toEqual(['Bearer t', null, null, null, null]);
  });

  it('tokens are remembered per origin; an old origin-less token is bound to the hub saved with it', () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    } as Storage;
    data.set('vitlens.hubToken', 'hf_old');
    expect(rememberedTokenFor(storage, 'https://huggingface.co')).toBe('hf_old');
    expect(rememberedTokenFor(storage, 'http://127.0.0.1:4620')).toBe('');
    expect(data.has('vitlens.hubToken')).toBe(false);
    storeToken(storage, 'http://127.0.0.1:4620/some/path', 'hf_mirror');
    expect(rememberedTokenFor(storage, 'http://127.0.0.1:4620')).toBe('hf_mirror');
    expect(rememberedTokenFor(storage, 'http://127.0.0.1:4621')).toBe('');
    expect(rememberedTokenFor(storage, 'https://huggingface.co/')).toBe('hf_old');
    storeToken(storage, 'https://huggingface.co', null);
    expect(JSON.parse(data.get('vitlens.hubTokens')!)).toEqual({ 'http://127.0.0.1:4620': 'hf_mirror' });
    data.set('vitlens.hubTokens', '{"__proto__": "x", "javascript:alert(1)": "y", "not json');
    expect(storedTokens(storage)).toEqual({});
  });
});
