/** The few numbers the guided lesson says about one token that no other analysis computes. */
import { softmax } from './softmax';
import { entropyBits, topIndices } from './rows';

/** A head mask that keeps only head `keep` in every layer: the "only one head" what-if. */
export function onlyHeadMask(layers: number, heads: number, keep: number): number[][] {
  return Array.from({ length: layers }, () => Array.from({ length: heads }, (_, k) => (k === keep ? 1 : 0)));
}

export function vectorLength(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}

/** cos(a, b); 0 when either is the zero vector */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`cosine of vectors of ${a.length} and ${b.length} numbers`);
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  const n = vectorLength(a) * vectorLength(b);
  return n === 0 ? 0 : dot / n;
}

export interface SoftmaxSummary {
  weights: Float64Array;
  max: number;
  bits: number;
  sum: number;
}

/** softmax(scores · scale) of one row of raw scores Q·Kᵀ, with what the lesson reads off it. */
export function softmaxSummary(scores: ArrayLike<number>, scale: number): SoftmaxSummary {
  const weights = softmax(scores, scale);
  let max = 0;
  let sum = 0;
  for (const w of weights) {
    max = Math.max(max, w);
    sum += w;
  }
  return { weights, max, bits: entropyBits(weights), sum };
}

/** the k largest weights' indices, and the share of the total they hold */
export function topShare(weights: ArrayLike<number>, k: number): { indices: number[]; share: number } {
  const indices = topIndices(weights, k);
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  const top = indices.reduce((s, i) => s + weights[i]!, 0);
  return { indices, share: total === 0 ? 0 : top / total };
}

/** how many entries are above zero (the MLP's active units after its activation) */
export function countActive(v: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < v.length; i++) if (v[i]! > 0) n++;
  return n;
}
