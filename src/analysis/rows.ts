/** Rows and slices of the trace's [h, T, T] and [h, T, d] arrays, as the views read them. */
import type { Matrix, VitTrace } from '../model/trace';
import { softmax } from './softmax';
import { checkTokenCount, type TokenLayout } from '../model/tokenLayout';

/** Row `query` of head `head` in an [h, T, T] array (a view, not a copy). */
export function headRow(m: Matrix, head: number, query: number): Float32Array {
  const [, T, cols] = m.shape as [number, number, number];
  const start = (head * T + query) * cols;
  return m.data.subarray(start, start + cols);
}

/** Row `query` averaged over heads. */
export function meanHeadsRow(m: Matrix, query: number): Float32Array {
  const [h, , cols] = m.shape as [number, number, number];
  const out = new Float32Array(cols);
  for (let head = 0; head < h; head++) {
    const row = headRow(m, head, query);
    for (let j = 0; j < cols; j++) out[j]! += row[j]! / h;
  }
  return out;
}

/** The patch part of a row over tokens (drops the prefix tokens' columns: [CLS], [DIST], registers), laid out as the patch grid. */
export function patchPart(row: Float32Array, layout: TokenLayout): Float32Array {
  checkTokenCount(layout, row.length, 'the row');
  return row.subarray(layout.prefix.length);
}

/** A whole head's attention map recomputed from its raw scores with another scale: [T, T]. */
export function rescaledHeadMap(scores: Matrix, head: number, scale: number): Float32Array {
  const [, T] = scores.shape as [number, number, number];
  const out = new Float32Array(T * T);
  for (let q = 0; q < T; q++) out.set(softmax(headRow(scores, head, q), scale), q * T);
  return out;
}

/** The indices of the k largest values, largest first. */
export function topIndices(values: ArrayLike<number>, k: number): number[] {
  return Array.from({ length: values.length }, (_, i) => i)
    .sort((a, b) => values[b]! - values[a]! || a - b)
    .slice(0, k);
}

/** Entropy of a probability row in bits: 0 for one-hot, log2(T) for uniform. */
export function entropyBits(p: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > 0) h -= p[i]! * Math.log2(p[i]!);
  return h;
}

export function extent(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/** A domain symmetric about 0, for signed activations shown on a diverging colour map. */
export function symmetricDomain(values: ArrayLike<number>): [number, number] {
  const [lo, hi] = extent(values);
  const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
  return [-m, m];
}

/** Position embeddings as the trace implies them: embeddings − [prefix tokens; patch tokens], patch rows only: [N, D]. */
export function impliedPositionEmbeddings(embeddings: Matrix, patchTokens: Matrix, layout: TokenLayout): Float32Array {
  const [N, D] = patchTokens.shape as [number, number];
  checkTokenCount(layout, embeddings.shape[0]!, 'the embeddings');
  if (N !== layout.numPatches) throw new RangeError(`${N} patch tokens for a grid of ${layout.numPatches} patches`);
  const offset = layout.prefix.length * D;
  const out = new Float32Array(N * D);
  for (let i = 0; i < N * D; i++) out[i] = embeddings.data[offset + i]! - patchTokens.data[i]!;
  return out;
}

/** The input of encoder layer `layer`: the embeddings for layer 0, else the previous block's output. */
export function layerInput(trace: VitTrace, layer: number): Matrix {
  return layer === 0 ? trace.embeddings : trace.layers[layer - 1]!.out;
}
