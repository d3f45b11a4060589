/**
 * The models ViT Lens ships are exported faithfully: the page's engine, reading the files through
 * the same loader as a user's checkpoint, gives the training framework's logits on held-out images.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadVit } from './loadVit';
import { runTrace } from './forward';
import { disposeVitModel } from './vitModel';

const root = new URL('../../', import.meta.url);
const file = (path: string) => {
  const bytes = readFileSync(new URL(path, root));
  return {
    name: path.split('/').pop()!,
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  };
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const MODELS = [
  { id: 'default', folder: 'public/models/default/', fixture: 'training/fixtures/default_heldout' },
  { id: 'seed-toy', folder: 'public/models/seed-toy/', fixture: 'training/fixtures/seed_toy_heldout' },
];

describe('shipped models match PyTorch', () => {
  for (const m of MODELS) {
    it(`${m.id}: same logits (≤ 1e-4) and the same top-1`, async () => {
      const { model } = await loadVit(
        ['config.json', 'model.safetensors', 'preprocessor_config.json'].map((f) => file(`${m.folder}${f}`)),
      );
      const expected = JSON.parse(readFileSync(new URL(`${m.fixture}_logits.json`, root), 'utf8')) as {
        shape: number[];
        logits: number[][];
      };
      const raw = readFileSync(new URL(`${m.fixture}_inputs.f32`, root));
      const inputs = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
      const [n, c, h, w] = expected.shape as [number, number, number, number];
      let maxDiff = 0;
      for (let i = 0; i < n; i++) {
        const trace = await runTrace(model, inputs.subarray(i * c * h * w, (i + 1) * c * h * w));
        const got = Array.from(trace.logits!.data);
        const want = expected.logits[i]!;
        got.forEach((v, j) => (maxDiff = Math.max(maxDiff, Math.abs(v - want[j]!))));
        expect(got.indexOf(Math.max(...got))).toBe(want.indexOf(Math.max(...want)));
      }
      disposeVitModel(model);
      expect(maxDiff).toBeLessThanOrEqual(1e-4);
    }, 120_000);
  }
});
