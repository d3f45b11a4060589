import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseTrace, runTrace } from './forward';
import { runAttention } from './tensorForward';
import { runLogits } from './batchedLogitsPass';
import { attentionGradients } from './attentionGradients';
import { disposeVitModel, type VitModel } from './vitModel';
import { randomInput, type CanonicalVit } from './testing/randomCheckpoint';
import { loadRandomVit, SMALL_VIT } from './testing/loadRandomVit';

/** A signal that reads as aborted from its (n+1)-th check on, and counts the checks. */
function abortedAfterChecks(n: number) {
  let checks = 0;
  const reason = new DOMException('cancelled', 'AbortError');
  const signal = {
    get aborted() {
      return checks > n;
    },
    reason,
    throwIfAborted() {
      checks++;
      if (checks > n) throw reason;
    },
  } as unknown as AbortSignal;
  return { signal, checks: () => checks };
}

let vit: CanonicalVit;
let model: VitModel;
beforeAll(async () => {
  await tf.setBackend('cpu');
  ({ vit, model } = await loadRandomVit({ ...SMALL_VIT, numLayers: 4, seed: 41 }));
});
afterAll(() => disposeVitModel(model));

describe('a long pass stops between layers when cancelled', () => {
  const passes = {
    'the traced pass': async (input: Float32Array, signal?: AbortSignal) =>
      releaseTrace(await runTrace(model, input, { signal, zeroCopy: true })),
    'the logits of a batch (deletion curves, ablation)': async (input: Float32Array, signal?: AbortSignal) => {
      await runLogits(model, [input, input, input], { signal, batchSize: 3 });
    },
    'the gallery attention pass': async (input: Float32Array, signal?: AbortSignal) => {
      await runAttention(model, input, undefined, signal);
    },
    'the attention gradients (class map)': async (input: Float32Array, signal?: AbortSignal) => {
      await attentionGradients(model, input, 1, undefined, signal);
    },
  };
  for (const [name, pass] of Object.entries(passes)) {
    it(`${name}: checked at every layer, stops mid-pass, leaves no tensor behind`, async () => {
      const input = randomInput(vit);
      const before = tf.memory().numTensors;
      // a full run counts its checks: more than one per layer boundary
      const counter = abortedAfterChecks(Number.POSITIVE_INFINITY);
      await pass(input, counter.signal);
      const total = counter.checks();
      expect(total).toBeGreaterThanOrEqual(model.layers.length);
      expect(tf.memory().numTensors).toBe(before);
      // cancelled halfway: it throws the signal's reason, and everything it made is freed
      for (const n of [0, 1, Math.floor(total / 2), total - 1]) {
        const half = abortedAfterChecks(n);
        await expect(pass(input, half.signal)).rejects.toMatchObject({ name: 'AbortError' });
        expect(half.checks()).toBe(n + 1);
        expect(tf.memory().numTensors).toBe(before);
      }
    });
  }

  it('a real AbortController aborted once the pass is under way stops it at the next layer', async () => {
    const input = randomInput(vit);
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const running = attentionGradients(model, input, 0, undefined, controller.signal);
    // the embedding is computed; the pass now waits at its first layer boundary
    controller.abort();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the class map reports its progress half block by half block', async () => {
    const fractions: number[] = [];
    await attentionGradients(model, randomInput(vit), 2, undefined, undefined, (f) => fractions.push(f));
    // 4 half blocks per layer (forward, backward) and the classifier, less the first step
    expect(fractions).toHaveLength(4 * model.layers.length);
    expect(fractions.every((f, i) => f > 0 && f < 1 && (i === 0 || f > fractions[i - 1]!))).toBe(true);
  });
});
