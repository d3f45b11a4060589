import { describe, expect, it } from 'vitest';
import { jointQueryKey, pcaLayout, umapLayout } from './qkSpace';
import { seededNormal } from '../model/seededRandom';

describe('joint query/key space', () => {
  const T = 20;
  const d = 4;
  const normal = seededNormal(2);
  const q = Float32Array.from({ length: 2 * T * d }, normal);
  const k = Float32Array.from({ length: 2 * T * d }, () => normal() * 3 + 5);

  it('aligns keys to the queries without changing any softmax row of the head', () => {
    const joint = jointQueryKey(q, k, 1, T, d);
    const softmaxRow = (qs: ArrayLike<number>, ks: ArrayLike<number>, i: number, qAt: number, kAt: number) => {
      const s = Array.from({ length: T }, (_, j) => {
        let dot = 0;
        for (let e = 0; e < d; e++) dot += qs[qAt + i * d + e]! * ks[kAt + j * d + e]!;
        return dot;
      });
      const m = Math.max(...s);
      const ex = s.map((v) => Math.exp(v - m));
      const sum = ex.reduce((a, b) => a + b, 0);
      return ex.map((v) => v / sum);
    };
    for (const i of [0, 7, 19]) {
      const before = softmaxRow(q, k, i, T * d, T * d);
      const after = softmaxRow(joint, joint, i, 0, T * d);
      after.forEach((v, j) => expect(v).toBeCloseTo(before[j]!, 9));
    }
    // same centroid for queries and keys
    for (let e = 0; e < d; e++) {
      let qm = 0;
      let km = 0;
      for (let t = 0; t < T; t++) {
        qm += joint[t * d + e]! / T;
        km += joint[(T + t) * d + e]! / T;
      }
      expect(km).toBeCloseTo(qm, 9);
    }
  });

  it('lays the 2T points out in 2-D by PCA and by UMAP', async () => {
    const joint = jointQueryKey(q, k, 0, T, d);
    expect(pcaLayout(joint, 2 * T, d)).toHaveLength(4 * T);
    const layout = await umapLayout(joint, 2 * T, d);
    expect(layout).toHaveLength(4 * T);
    expect(layout.every(Number.isFinite)).toBe(true);
    const again = await umapLayout(joint, 2 * T, d);
    expect(Array.from(again)).toEqual(Array.from(layout)); // seeded
    const stop = new AbortController();
    stop.abort();
    await expect(umapLayout(joint, 2 * T, d, { signal: stop.signal })).rejects.toThrow();
  });
});
