import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTrace } from '../model/forward';
import { defaultPreprocessor } from '../model/preprocessorConfig';
import { LAYER_KEYS, type Matrix, type VitTrace } from '../model/trace';
import { disposeVitModel, type VitModel } from '../model/vitModel';
import { loadRandomVit, SMALL_VIT } from '../model/testing/loadRandomVit';
import { randomInput, type CanonicalVit } from '../model/testing/randomCheckpoint';
import { analysisEngine } from './analysisEngine';
import type { SessionModel } from './useVitSession';

let model: VitModel;
let vit: CanonicalVit;
beforeAll(async () => {
  await tf.setBackend('cpu');
  ({ model, vit } = await loadRandomVit({ ...SMALL_VIT, seed: 17 }));
});
afterAll(() => disposeVitModel(model));

const engineOf = (m: VitModel) =>
  analysisEngine(
    {
      model: m,
      preprocessor: defaultPreprocessor(m.config.imageSize),
      fileNames: [],
      source: 'test',
      id: 'test',
      build: async () => ({ model: m, preprocessor: defaultPreprocessor(m.config.imageSize), fileNames: [] }),
      card: null,
    } as SessionModel,
    '/',
  );

/** Every array of a trace, by its name in the trace. */
function arrays(trace: VitTrace): Map<string, Matrix> {
  const out = new Map<string, Matrix>();
  for (const key of ['input', 'patchTokens', 'embeddings', 'finalNorm', 'pooled', 'logits', 'probs'] as const) {
    const m = trace[key];
    if (m) out.set(key, m);
  }
  trace.layers.forEach((layer, l) => LAYER_KEYS.forEach((key) => out.set(`layers[${l}].${key}`, layer[key])));
  return out;
}

describe('AnalysisEngine.trace (the second run of a comparison)', () => {
  it("equals runTrace's arrays, every one, and leaves no tensor", async () => {
    const input = randomInput(vit, 3);
    const engine = engineOf(model);
    const want = await runTrace(model, input);
    const before = tf.memory().numTensors;
    const got = await engine.trace(input);
    expect(tf.memory().numTensors).toBe(before);
    const wantArrays = arrays(want);
    const gotArrays = arrays(got);
    expect([...gotArrays.keys()]).toEqual([...wantArrays.keys()]);
    expect(gotArrays.size).toBe(7 + SMALL_VIT.numLayers * LAYER_KEYS.length);
    for (const [name, m] of wantArrays) {
      expect(gotArrays.get(name)!.shape, name).toEqual(m.shape);
      expect(gotArrays.get(name)!.data, name).toEqual(m.data);
    }
    expect(got.layout).toEqual(want.layout);
  });

  it("hands back arrays that are the caller's own: changing one changes no other trace", async () => {
    const input = randomInput(vit, 4);
    const engine = engineOf(model);
    const first = await engine.trace(input);
    const kept = first.layers[1]!.attn.data.slice();
    first.layers[1]!.attn.data.fill(7);
    const second = await engine.trace(input);
    expect(second.layers[1]!.attn.data).toEqual(kept);
    expect(second.layers[1]!.attn.data).not.toBe(first.layers[1]!.attn.data);
  });

  it('stops on an aborted signal and leaves no tensor', async () => {
    const engine = engineOf(model);
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    controller.abort(new Error('superseded'));
    await expect(engine.trace(randomInput(vit, 5), { signal: controller.signal })).rejects.toThrow('superseded');
    expect(tf.memory().numTensors).toBe(before);
  });
});
