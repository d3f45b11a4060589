import { describe, expect, it } from 'vitest';
import { readoutLogits } from './logitLens';
import type { ReadoutWeights } from '../model/weightArrays';

/** The definition, step by step: LayerNorm of the row, then bias + Σᵢ normed[i]·W[i][c], summed in order. */
function reference(x: Float32Array, first: number, count: number, w: ReadoutWeights): Float64Array {
  const [D, C] = w.weight.shape as [number, number];
  const out = new Float64Array(count * C);
  for (let r = 0; r < count; r++) {
    const row = Array.from(x.subarray((first + r) * D, (first + r + 1) * D));
    let mean = 0;
    for (const v of row) mean += v / D;
    let variance = 0;
    for (const v of row) variance += (v - mean) ** 2 / D;
    const inv = 1 / Math.sqrt(variance + w.eps);
    const normed = row.map((v, i) => (v - mean) * inv * w.gamma[i]! + w.beta[i]!);
    for (let c = 0; c < C; c++) {
      let s = w.bias[c]!;
      for (let i = 0; i < D; i++) s += normed[i]! * w.weight.data[i * C + c]!;
      out[r * C + c] = s;
    }
  }
  return out;
}

describe('readoutLogits', () => {
  let seed = 3;
  const random = (n: number) => Float32Array.from({ length: n }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1);
  const [D, C] = [24, 11];
  const w: ReadoutWeights = { gamma: random(D), beta: random(D), eps: 1e-6, weight: { data: random(D * C), shape: [D, C] }, bias: random(C) };
  const x = random(12 * D);

  it('equals the definition to the last bit, for every count of rows (groups of four and the rest) and offset', () => {
    for (const [first, count] of [[0, 1], [2, 3], [1, 4], [0, 5], [3, 7], [0, 12]] as const) {
      expect(Array.from(readoutLogits(x, first, count, w)), `rows ${first}…${first + count - 1}`).toEqual(Array.from(reference(x, first, count, w)));
    }
  });

  it('reads a second classifier with its own weights, not the first one’s transposed copy', () => {
    const other: ReadoutWeights = { ...w, weight: { data: random(D * C), shape: [D, C] } };
    expect(Array.from(readoutLogits(x, 0, 2, w))).toEqual(Array.from(reference(x, 0, 2, w)));
    expect(Array.from(readoutLogits(x, 0, 2, other))).toEqual(Array.from(reference(x, 0, 2, other)));
  });
});
