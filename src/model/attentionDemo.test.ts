import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, runAttentionDemo } from './attentionDemo';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe("the seed article's attention demo", () => {
  it("has the article's shapes, rows that sum to 1, and no leaked tensors", async () => {
    const before = tf.memory().numTensors;
    const r = await runAttentionDemo(1);
    expect(tf.memory().numTensors).toBe(before);
    expect(r.input.shape).toEqual([4, 16, 96]);
    expect(r.output.shape).toEqual([4, 16, 96]);
    expect(r.weights.shape).toEqual([4, 8, 16, 16]);
    expect(r.layer.q.shape).toEqual([8, 16, 12]);
    expect(r.layer.attn.shape).toEqual([8, 16, 16]);
    for (let row = 0; row < 8 * 16; row++) {
      expect(r.layer.attn.data.subarray(row * 16, row * 16 + 16).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
  });

  it('matches a plain-loop computation of one head, and the chosen sample is a slice of the batch', async () => {
    const r = await runAttentionDemo(2);
    const { tokens: T, embedDim: D } = DEMO;
    // the sample's input is row 2 of the batch
    expect(Array.from(r.layer.norm1.data.subarray(0, 5))).toEqual(Array.from(r.input.data.subarray(2 * T * D, 2 * T * D + 5)));
    // softmax(q·kᵀ/√d) for head 3, query 5, computed by hand from the traced q and k
    const d = 12;
    const q = r.layer.q.data.subarray((3 * T + 5) * d, (3 * T + 6) * d);
    const scores = Array.from({ length: T }, (_, j) => {
      const k = r.layer.k.data.subarray((3 * T + j) * d, (3 * T + j + 1) * d);
      return q.reduce((s, v, e) => s + v * k[e]!, 0) / Math.sqrt(d);
    });
    const max = Math.max(...scores);
    const exp = scores.map((s) => Math.exp(s - max));
    const sum = exp.reduce((a, b) => a + b, 0);
    exp.forEach((e, j) => expect(Math.abs(e / sum - r.layer.attn.data[(3 * T + 5) * T + j]!)).toBeLessThan(1e-5));
    // and the same weights sit in the batch's [4, 8, 16, 16] tensor
    expect(r.weights.data[((2 * 8 + 3) * T + 5) * T + 7]).toBe(r.layer.attn.data[(3 * T + 5) * T + 7]);
  });
});
