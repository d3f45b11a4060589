import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTrace } from './forward';
import { runAttention, runLogitsAndAttention } from './tensorForward';
import { runLogits } from './batchedLogitsPass';
import { attentionGradients } from './attentionGradients';
import { disposeVitModel, type VitModel } from './vitModel';
import { randomInput, type CanonicalVit, type RandomVitSpec } from './testing/randomCheckpoint';
import { referenceForward } from './testing/reference64';
import { loadRandomVit, maxRelativeError, SMALL_VIT } from './testing/loadRandomVit';
import { BATCHED, PER_HEAD } from './kernelPlan';

const PLANS = { 'batched kernels': BATCHED, 'one head at a time (wasm)': PER_HEAD };

const small = SMALL_VIT;
const specs: Record<string, RandomVitSpec> = {
  '[CLS] pooling': small,
  'mean pooling, no [CLS], no position embeddings': {
    ...small,
    seed: 8,
    classToken: false,
    positionEmbeddings: false,
    numHeads: 4,
  },
};

const relErr = maxRelativeError;

const loaded: { vit: CanonicalVit; model: VitModel }[] = [];
beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => loaded.forEach((l) => disposeVitModel(l.model)));

async function load(spec: RandomVitSpec) {
  const l = await loadRandomVit(spec);
  loaded.push(l);
  return l;
}

describe('the tensor pass against the float64 reference', () => {
  for (const [title, spec] of Object.entries(specs))
    for (const [planName, plan] of Object.entries(PLANS)) {
      it(`${title}, ${planName}: three images give each one's logits and attention`, async () => {
        const { vit, model } = await load(spec);
        const inputs = [1, 2, 3].map((seed) => randomInput(vit, seed));
        const logits = await runLogits(model, inputs, { batchSize: 2, plan });
        inputs.forEach((input, i) => expect(relErr(logits[i]!, referenceForward(vit, input).logits!)).toBeLessThanOrEqual(1e-4));
        const attention = await runAttention(model, inputs[0]!, plan);
        const ref = referenceForward(vit, inputs[0]!);
        attention.forEach((a, l) => expect(relErr(a, ref.layers[l]!.attn)).toBeLessThanOrEqual(1e-4));
      });
    }

  it("one re-run gives the logits and every layer's attention, with a head mask, and leaves no tensor", async () => {
    const { vit, model } = await load({ ...small, seed: 13 });
    const input = randomInput(vit, 4);
    const mask = [
      [0, 1],
      [1, 1],
    ];
    const ref = referenceForward(vit, input, { headMask: mask });
    const before = tf.memory().numTensors;
    for (const plan of Object.values(PLANS)) {
      const { logits, attention } = await runLogitsAndAttention(model, input, { headMask: mask, plan });
      expect(relErr(logits!, ref.logits!)).toBeLessThanOrEqual(1e-4);
      expect(attention).toHaveLength(ref.layers.length);
      attention.forEach((a, l) => expect(relErr(a, ref.layers[l]!.attn)).toBeLessThanOrEqual(1e-4));
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a head mask switches heads off in the traced pass and the tensor pass alike', async () => {
    const { vit, model } = await load({ ...small, seed: 11 });
    const input = randomInput(vit);
    const mask = [
      [1, 0],
      [0, 1],
    ];
    const want = referenceForward(vit, input, { headMask: mask }).logits!;
    const plain = referenceForward(vit, input).logits!;
    expect(relErr(want, plain)).toBeGreaterThan(1e-3); // the mask matters
    const trace = await runTrace(model, input, { headMask: mask });
    expect(relErr(trace.logits!.data, want)).toBeLessThanOrEqual(1e-4);
    for (const plan of Object.values(PLANS)) {
      const [masked] = await runLogits(model, [input], { headMask: mask, plan });
      expect(relErr(masked!, want)).toBeLessThanOrEqual(1e-4);
      expect(relErr((await runTrace(model, input, { headMask: mask, plan })).logits!.data, want)).toBeLessThanOrEqual(1e-4);
    }
  });

  it('with every head on, the ablation pass equals the plain forward pass', async () => {
    const { vit, model } = await load({ ...small, seed: 12 });
    const input = randomInput(vit);
    const plain = await runTrace(model, input);
    const allOn = [
      [1, 1],
      [1, 1],
    ];
    const [logits] = await runLogits(model, [input], { headMask: allOn });
    expect(relErr(logits!, plain.logits!.data)).toBeLessThanOrEqual(1e-5);
    const traced = await runTrace(model, input, { headMask: allOn });
    expect(Array.from(traced.logits!.data)).toEqual(Array.from(plain.logits!.data));
  });
});

describe('attention gradients', () => {
  for (const [title, spec] of Object.entries(specs))
    for (const [planName, plan] of Object.entries(PLANS)) {
      it(`${title}, ${planName}: tfjs gradients match float64 central differences (relative error ≤ 1e-3)`, async () => {
        const { vit, model } = await load({ ...spec, seed: (spec.seed ?? 1) + 20 });
        const input = randomInput(vit);
        const classIndex = 3;
        const { gradients, attention, logit } = await attentionGradients(model, input, classIndex, plan);
        const ref = referenceForward(vit, input);
        expect(Math.abs(logit - ref.logits![classIndex]!)).toBeLessThan(1e-4);
        expect(relErr(attention[0]!, ref.layers[0]!.attn)).toBeLessThanOrEqual(1e-4);
        const h = vit.spec.numHeads;
        const T = ref.layers[0]!.attn.length / h / Math.sqrt(ref.layers[0]!.attn.length / h);
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
        const err = norm(got.map((g, i) => g - want[i]!)) / norm(want);
        expect(norm(want)).toBeGreaterThan(1e-3);
        expect(err, `relative error ${err}`).toBeLessThanOrEqual(1e-3);
      });
    }

  it('leaves no tensor behind, and refuses a class that does not exist', async () => {
    const { vit, model } = await load({ ...small, seed: 30 });
    const input = randomInput(vit);
    await attentionGradients(model, input, 0);
    await runLogits(model, [input, input]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      await attentionGradients(model, input, i);
      await runLogits(model, [input, input, input]);
      await runAttention(model, input);
    }
    expect(tf.memory().numTensors).toBe(before);
    await expect(attentionGradients(model, input, 9)).rejects.toThrow(/outside/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
