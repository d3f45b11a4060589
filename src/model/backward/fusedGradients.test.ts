/**
 * The explicit backward pass on ViT Lens's kernels (fusedGradients.ts) on small random models of
 * several kinds: ∂ logit / ∂ attention against float64 central differences of the reference
 * forward pass, and against tfjs's automatic differentiation (the path it replaces); that
 * attentionGradients picks it on wasm with the kernels and falls back where it does not fit; and
 * that it leaves no tensor behind.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { attentionGradients, fusedBackwardFits, tfjsAttentionGradients } from '../attentionGradients';
import { fusedAttentionGradients } from './fusedGradients';
import { BATCHED, FUSED } from '../kernelPlan';
import { disposeVitModel, type VitModel } from '../vitModel';
import { onBackend } from '../testing/onBackend';
import { loadRandomVit, maxRelativeError, SMALL_VIT } from '../testing/loadRandomVit';
import { randomInput, type CanonicalVit, type RandomVitSpec } from '../testing/randomCheckpoint';
import { referenceForward } from '../testing/reference64';

const small = SMALL_VIT;
const specs: Record<string, RandomVitSpec> = {
  '[CLS] pooling, GELU': { ...small, seed: 41 },
  'mean pooling, no [CLS], no positions, 4 heads, tanh GELU': {
    ...small,
    seed: 42,
    classToken: false,
    positionEmbeddings: false,
    numHeads: 4,
    hiddenAct: 'gelu_new',
  },
  'DeiT with a distillation head, ReLU, 3 layers, odd sizes': {
    ...small,
    seed: 43,
    distilled: true,
    hiddenAct: 'relu',
    numLayers: 3,
    hiddenSize: 24,
    numHeads: 3,
    intermediateSize: 40,
    imageSize: 20,
  },
};

const loaded: VitModel[] = [];
afterAll(() => loaded.forEach(disposeVitModel));

async function load(spec: RandomVitSpec): Promise<{ vit: CanonicalVit; model: VitModel }> {
  const l = await loadRandomVit(spec);
  loaded.push(l.model);
  return l;
}

/** ‖got − want‖ / ‖want‖ over samples of every layer's gradient, want by central differences in float64. */
function centralDifferenceError(vit: CanonicalVit, input: Float32Array, classIndex: number, gradients: Float32Array[]): number {
  const h = vit.spec.numHeads;
  const attn0 = referenceForward(vit, input).layers[0]!.attn;
  const T = Math.round(Math.sqrt(attn0.length / h));
  const eps = 1e-5;
  const got: number[] = [];
  const want: number[] = [];
  for (let layer = 0; layer < vit.spec.numLayers; layer++) {
    for (let s = 0; s < 12; s++) {
      const head = s % h;
      const query = (s * 5) % T;
      const key = (s * 7 + layer) % T;
      const at = (delta: number) =>
        referenceForward(vit, input, { attentionDelta: { layer, head, query, key, delta } }).logits![classIndex]!;
      want.push((at(eps) - at(-eps)) / (2 * eps));
      got.push(gradients[layer]![(head * T + query) * T + key]!);
    }
  }
  const norm = (v: number[]) => Math.sqrt(v.reduce((a, b) => a + b * b, 0));
  expect(norm(want)).toBeGreaterThan(1e-3);
  return norm(got.map((g, i) => g - want[i]!)) / norm(want);
}

describe('the explicit backward pass on the kernels (wasm)', () => {
  onBackend('wasm');

  for (const [title, spec] of Object.entries(specs)) {
    it(`${title}: matches float64 central differences (≤ 1e-3) and tfjs's gradients (≤ 1e-4)`, async () => {
      const { vit, model } = await load(spec);
      expect(fusedBackwardFits(model)).toBe(true);
      const input = randomInput(vit);
      const classIndex = 3;
      const fused = await fusedAttentionGradients(model, input, classIndex);
      const ref = referenceForward(vit, input);
      expect(Math.abs(fused.logit - ref.logits![classIndex]!)).toBeLessThan(1e-4);
      fused.attention.forEach((a, l) => expect(maxRelativeError(a, ref.layers[l]!.attn)).toBeLessThanOrEqual(1e-4));
      const err = centralDifferenceError(vit, input, classIndex, fused.gradients);
      expect(err, `relative error ${err}`).toBeLessThanOrEqual(1e-3);
      const tfjs = await tfjsAttentionGradients(model, input, classIndex, BATCHED);
      fused.gradients.forEach((g, l) => {
        const e = maxRelativeError(g, tfjs.gradients[l]!);
        expect(e, `layer ${l}: ${e}`).toBeLessThanOrEqual(1e-4);
      });
    });
  }

  it('is what attentionGradients runs by default here, and an explicit tfjs plan still gets tfjs', async () => {
    const { vit, model } = await load({ ...small, seed: 44 });
    const input = randomInput(vit);
    expect(fusedBackwardFits(model)).toBe(true);
    expect(fusedBackwardFits(model, BATCHED)).toBe(false);
    const byDefault = await attentionGradients(model, input, 2);
    const fused = await fusedAttentionGradients(model, input, 2);
    byDefault.gradients.forEach((g, l) => expect(Array.from(g)).toEqual(Array.from(fused.gradients[l]!)));
  });

  it('falls back to tfjs for what the kernels do not differentiate (quick_gelu)', async () => {
    const { vit, model } = await load({ ...small, seed: 45, hiddenAct: 'quick_gelu' });
    expect(fusedBackwardFits(model, FUSED)).toBe(false);
    const g = await attentionGradients(model, randomInput(vit), 1);
    const err = centralDifferenceError(vit, randomInput(vit), 1, g.gradients);
    expect(err).toBeLessThanOrEqual(1e-3);
  });

  it('leaves no tensor behind, stops when cancelled, and reports progress', async () => {
    const { vit, model } = await load({ ...small, seed: 46 });
    const input = randomInput(vit);
    await attentionGradients(model, input, 0);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await attentionGradients(model, input, i);
    expect(tf.memory().numTensors).toBe(before);
    const controller = new AbortController();
    const fractions: number[] = [];
    const running = attentionGradients(model, input, 0, undefined, controller.signal, (f) => {
      fractions.push(f);
      if (fractions.length === 3) controller.abort(new Error('cancelled'));
    });
    await expect(running).rejects.toThrow(/cancelled/);
    expect(tf.memory().numTensors).toBe(before);
    fractions.length = 0;
    await attentionGradients(model, input, 0, undefined, undefined, (f) => fractions.push(f));
    expect(fractions.length).toBeGreaterThan(2 * model.layers.length - 1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.every((f) => f > 0 && f < 1)).toBe(true);
  });
});
