/**
 * Several images to a pass (runLogits' batches, the deletion/insertion curves): each image's logits
 * equal its own single-image pass (tensorPassByLayer), on the FUSED plan (ViT Lens's wasm kernels,
 * with the batched attention kernel) and the BATCHED plan (tfjs ops on cpu), on the token layouts
 * and with a head mask; no tensor is left behind.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { BATCHED, FUSED, type KernelPlan } from './kernelPlan';
import { tensorPassByLayer } from './tensorForward';
import { defaultBatchSize, runLogits } from './batchedLogitsPass';
import { disposeVitModel } from './vitModel';
import { randomInput, type RandomVitSpec } from './testing/randomCheckpoint';
import { loadRandomVit, maxRelativeError, SMALL_VIT } from './testing/loadRandomVit';
import { onBackend } from './testing/onBackend';
import { maskedCopy } from './testing/maskedCopy';
import type { HeadMask } from './attentionOps';

const SPECS: Record<string, RandomVitSpec> = {
  '[CLS] pooling': { ...SMALL_VIT, seed: 51 },
  'mean pooling, no [CLS]': { ...SMALL_VIT, seed: 52, classToken: false, pooling: 'mean', numHeads: 4 },
  '[CLS] + [DIST], two heads averaged': { ...SMALL_VIT, seed: 53, distilled: true },
  'width 20, head width 10, MLP 36 (partial panels)': { ...SMALL_VIT, seed: 54, hiddenSize: 20, intermediateSize: 36 },
};

async function singleLogits(
  model: Awaited<ReturnType<typeof loadRandomVit>>['model'],
  input: Float32Array,
  plan: KernelPlan,
  headMask?: HeadMask,
) {
  const pass = await tensorPassByLayer(model, input, { plan, headMask, recordAttention: false });
  const data = (await pass.logits!.data()) as Float32Array;
  pass.logits!.dispose();
  return data;
}

describe.each([
  ['FUSED (wasm kernels)', FUSED, 'wasm'],
  ['BATCHED (cpu)', BATCHED, 'cpu'],
] as const)('batched logits against one image at a time, %s', (_, plan, backend) => {
  onBackend(backend);

  for (const [title, spec] of Object.entries(SPECS)) {
    it(`${title}: seven images in batches of 3 give each one's own logits (≤ 1e-5), no tensor left`, async () => {
      const { vit, model } = await loadRandomVit(spec);
      try {
        const mask: HeadMask = Array.from({ length: spec.numLayers }, (_, l) =>
          Array.from({ length: spec.numHeads }, (_, j) => (l === 0 && j === 0 ? 0 : 1)),
        );
        const inputs = Array.from({ length: 7 }, (_, i) => randomInput(vit, 100 + i));
        for (const headMask of [undefined, mask]) {
          const single: Float32Array[] = [];
          for (const input of inputs) single.push(await singleLogits(model, input, plan, headMask));
          const before = tf.memory().numTensors;
          const done: number[] = [];
          const batched = await runLogits(model, inputs, { plan, headMask, batchSize: 3, onProgress: (n) => done.push(n) });
          expect(tf.memory().numTensors).toBe(before);
          expect(done).toEqual([3, 6, 7]);
          batched.forEach((logits, i) => expect(maxRelativeError(logits, single[i]!)).toBeLessThanOrEqual(1e-5));
          // the images are told apart: batching did not mix them
          expect(maxRelativeError(batched[0]!, batched[1]!)).toBeGreaterThan(1e-3);
        }
      } finally {
        disposeVitModel(model);
      }
    });
  }
});

describe.each([
  ['FUSED (wasm kernels)', FUSED, 'wasm'],
  ['BATCHED (cpu)', BATCHED, 'cpu'],
] as const)('masked copies of one image (their layer-0 rows shared), %s', (_, plan, backend) => {
  onBackend(backend);

  for (const [title, spec] of Object.entries(SPECS)) {
    it(`${title}: seven masked copies in batches of 3 give each one's own logits (≤ 1e-5), no tensor left`, async () => {
      const { vit, model } = await loadRandomVit(spec);
      try {
        const { numChannels: C, imageSize: S, patchSize: P } = model.config;
        const input = randomInput(vit, 200);
        const inputs = Array.from({ length: 7 }, (_, i) => maskedCopy(input, C, S, P, (patch) => (patch * 5 + i) % 7 < i));
        const single: Float32Array[] = [];
        for (const image of inputs) single.push(await singleLogits(model, image, plan));
        const before = tf.memory().numTensors;
        const batched = await runLogits(model, inputs, { plan, batchSize: 3 });
        expect(tf.memory().numTensors).toBe(before);
        batched.forEach((logits, i) => expect(maxRelativeError(logits, single[i]!)).toBeLessThanOrEqual(1e-5));
        expect(maxRelativeError(batched[0]!, batched[6]!)).toBeGreaterThan(1e-3);
      } finally {
        disposeVitModel(model);
      }
    });
  }
});

describe('the default batch', () => {
  it('holds about 1,024 token rows: 5 ViT-B/16 images, 16 of a small model, 1 of a 577-token ViT-L/16-384', () => {
    const config = (imageSize: number, patchSize: number) =>
      ({ imageSize, patchSize, hasClassToken: true, hasDistillationToken: false, hiddenSize: 768, numHeads: 12 }) as Parameters<
        typeof defaultBatchSize
      >[0];
    expect(defaultBatchSize(config(224, 16))).toBe(5);
    expect(defaultBatchSize(config(64, 8))).toBe(15);
    expect(defaultBatchSize(config(16, 4))).toBe(16);
    expect(defaultBatchSize(config(384, 16))).toBe(1);
  });
});
