import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadVit } from '../../model/loadVit';
import { disposeVitModel } from '../../model/vitModel';
import { TestHub } from '../../../e2e/support/hubServer';
import { binOnlyRepo, deitDistilledRepo, shardedRepo, timmRepo, unshardedRepo } from '../../../e2e/support/hubRepos';
import { hubModelFiles, type HubLoadOptions } from './loadFromHub';
import { HubCancelled } from './hubErrors';
import { hubModelKey, hubRefFromModelParam, parseHubRef } from './hubRef';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';

const hub = new TestHub();

beforeAll(async () => {
  await tf.setBackend('cpu');
  hub.repos.set('test/vit', unshardedRepo().repo);
  hub.repos.set('test/sharded', shardedRepo().repo);
  hub.repos.set('test/deit-distilled', deitDistilledRepo().repo);
  hub.repos.set('test/timm', timmRepo().repo);
  hub.repos.set('test/bin-only', binOnlyRepo().repo);
  await hub.start();
});
afterAll(() => hub.stop());

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

  it('a missing repository and a dropped connection are explained', async () => {
    await expect(hubModelFiles(options('test/nothing'))).rejects.toThrow(
      /needs a token \(HTTP 401\).*gated or private, or does not exist/,
    );
    hub.faults.set('test/vit/model.safetensors', 'cut-half');
    await expect(hubModelFiles(options('test/vit'))).rejects.toThrow(/model\.safetensors: the download (broke off|ended) after/);
  });
});
