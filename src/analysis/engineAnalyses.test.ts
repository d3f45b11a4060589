/** The analyses that need the model itself: the logit lens (its readout weights) and deletion curves (re-runs). */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTrace } from '../model/forward';
import { runLogits } from '../model/batchedLogitsPass';
import { readReadout } from '../model/weightArrays';
import { disposeVitModel, type VitModel } from '../model/vitModel';
import { randomInput, type RandomVitSpec } from '../model/testing/randomCheckpoint';
import { referenceForward } from '../model/testing/reference64';
import { loadRandomVit, maxRelativeError, SMALL_VIT } from '../model/testing/loadRandomVit';
import { logitLens, patchLogitLens } from './logitLens';
import { areaUnderCurve, curveInputs, maskPatches, rankPatches, randomOrder } from './faithfulness';

const small = SMALL_VIT;
const models: VitModel[] = [];
beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => models.forEach(disposeVitModel));

async function load(spec: RandomVitSpec) {
  const l = await loadRandomVit(spec);
  models.push(l.model);
  return l;
}

const maxRelErr = maxRelativeError;

describe('logit lens', () => {
  for (const [title, spec] of [
    ['[CLS] pooling', small],
    ['mean pooling without [CLS]', { ...small, seed: 4, classToken: false, positionEmbeddings: false }],
  ] as const) {
    it(`${title}: at the last layer it equals the model's logits; earlier depths match the float64 reference`, async () => {
      const { vit, model } = await load(spec);
      const input = randomInput(vit);
      const trace = await runTrace(model, input);
      const readout = (await readReadout(model))!;
      const lens = logitLens(trace, readout);
      const C = 5;
      expect(lens.length).toBe((vit.spec.numLayers + 1) * C);
      expect(maxRelErr(lens.subarray(vit.spec.numLayers * C), trace.logits!.data)).toBeLessThanOrEqual(1e-5);
      // after layer 0, by the reference: its layer-0 output read through the final norm and classifier
      const ref = referenceForward(vit, input);
      const T = trace.embeddings.shape[0]!;
      const D = 16;
      const refLayer0 = ref.layers[0]!.out;
      const normed = Array.from({ length: T }, (_, t) => {
        const row = refLayer0.subarray(t * D, (t + 1) * D);
        const mean = row.reduce((a, b) => a + b, 0) / D;
        const variance = row.reduce((a, b) => a + (b - mean) ** 2, 0) / D;
        return Array.from(
          row,
          (v, i) => ((v - mean) / Math.sqrt(variance + vit.spec.layerNormEps)) * vit.finalNorm.gamma[i]! + vit.finalNorm.beta[i]!,
        );
      });
      const pooled = spec.classToken === false ? normed[0]!.map((_, i) => normed.reduce((s, r) => s + r[i]! / T, 0)) : normed[0]!;
      const cls = vit.classifier!;
      const want = Array.from(
        { length: C },
        (_, c) => cls.bias![c]! + pooled.reduce((s, v, i) => s + v * cls.weight[c * D + i]!, 0),
      );
      expect(maxRelErr(lens.subarray(C, 2 * C), want)).toBeLessThanOrEqual(1e-4);
      // each patch at the last layer: for a mean-pooled model their mean is the logits
      const patches = patchLogitLens(trace, readout, vit.spec.numLayers);
      if (spec.classToken === false) {
        const mean = Array.from(
          { length: C },
          (_, c) => Array.from({ length: T }, (_, t) => patches[t * C + c]!).reduce((a, b) => a + b, 0) / T,
        );
        expect(maxRelErr(mean, trace.logits!.data)).toBeLessThanOrEqual(1e-5);
      } else {
        expect(patches.length).toBe((T - 1) * C);
      }
    });
  }
});

describe('deletion and insertion curves', () => {
  it('deleting no patch is the plain forward pass; deleting all leaves the fill everywhere', async () => {
    const { vit, model } = await load({ ...small, seed: 7 });
    const input = randomInput(vit);
    const geometry = { channels: 3, size: 16, patchSize: 4 };
    const trace = await runTrace(model, input);
    const order = rankPatches(Float32Array.from({ length: 16 }, (_, i) => (i * 7) % 16));
    const deletion = curveInputs(input, geometry, order, 4, 'deletion');
    expect(Array.from(deletion[0]!)).toEqual(Array.from(input));
    const [logits] = await runLogits(model, [deletion[0]!]);
    expect(maxRelErr(logits!, trace.logits!.data)).toBeLessThanOrEqual(1e-5);
    expect(deletion[4]!.every((v) => v === 0)).toBe(true);
    const insertion = curveInputs(input, geometry, order, 4, 'insertion');
    expect(insertion[0]!.every((v) => v === 0)).toBe(true);
    expect(Array.from(insertion[4]!)).toEqual(Array.from(input));
    // a quarter of the way: the 4 top-ranked patches are gone, by the reference too
    const keep = Array.from({ length: 16 }, (_, p) => !order.slice(0, 4).includes(p));
    expect(Array.from(deletion[1]!)).toEqual(Array.from(maskPatches(input, geometry, keep)));
    const [quarter] = await runLogits(model, [deletion[1]!]);
    expect(maxRelErr(quarter!, referenceForward(vit, deletion[1]!).logits!)).toBeLessThanOrEqual(1e-4);
  });

  it('masks exactly a patch, ranks by value, shuffles reproducibly and integrates by trapezoids', () => {
    const input = Float32Array.from({ length: 2 * 4 * 4 }, (_, i) => i + 1);
    const out = maskPatches(input, { channels: 2, size: 4, patchSize: 2 }, [true, false, true, true], -1);
    const changed = Array.from(out, (v, i) => (v !== input[i] ? i : -1)).filter((i) => i >= 0);
    expect(changed).toEqual([2, 3, 6, 7, 18, 19, 22, 23]); // patch 1 (top right) in both channels
    expect(rankPatches([0.1, 0.5, 0.5, 0.2])).toEqual([1, 2, 3, 0]);
    expect(randomOrder(10, 3)).toEqual(randomOrder(10, 3));
    expect([...randomOrder(10, 3)].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(areaUnderCurve([0, 0.5, 1], [1, 1, 1])).toBe(1);
    expect(areaUnderCurve([0, 0.5, 1], [1, 0.5, 0])).toBe(0.5);
  });
});
