/**
 * The logit lens (nostalgebraist 2020, for GPT-2; here for a ViT): read the residual stream after
 * every layer with the model's own final LayerNorm and classifier, as if the network stopped there.
 * Shows at which depth the prediction forms, and which patch tokens already "vote" for a class.
 */
import type { VitTrace } from '../model/trace';
import type { ReadoutWeights } from '../model/weightArrays';
import { checkTokenCount, patchToToken } from '../model/tokenLayout';

/** Wᵀ [C, D] of a classifier's W [D, C], made once per weight array (the lens reads it at every depth and patch). */
const transposedOf = new WeakMap<ArrayLike<number>, Float32Array>();

function transposed(weight: ArrayLike<number>, D: number, C: number): Float32Array {
  let wT = transposedOf.get(weight);
  if (!wT) {
    wT = new Float32Array(C * D);
    for (let i = 0; i < D; i++) for (let c = 0; c < C; c++) wT[c * D + i] = weight[i * C + c]!;
    transposedOf.set(weight, wT);
  }
  return wT;
}

/** Rows of x read out together: each weight is loaded once for all of them. */
const ROWS_AT_ONCE = 4;

/**
 * LayerNorm then classifier for each of `count` rows of x [.., D] starting at row `first`: [count, C].
 * Each logit is its bias plus the products summed over i in order, in float64. The classifier runs as
 * dot products with Wᵀ, four rows at a time in registers: a ViT-B image's 196 patches × 1,000 classes
 * took 345 ms as row-times-matrix updates, each step a load and a store of the output.
 */
export function readoutLogits(x: ArrayLike<number>, first: number, count: number, w: ReadoutWeights): Float64Array {
  const [D, C] = w.weight.shape as [number, number];
  const out = new Float64Array(count * C);
  const normed = new Float64Array(count * D);
  for (let r = 0; r < count; r++) {
    const at = (first + r) * D;
    let mean = 0;
    for (let i = 0; i < D; i++) mean += x[at + i]! / D;
    let variance = 0;
    for (let i = 0; i < D; i++) variance += (x[at + i]! - mean) ** 2 / D;
    const inv = 1 / Math.sqrt(variance + w.eps);
    for (let i = 0; i < D; i++) normed[r * D + i] = (x[at + i]! - mean) * inv * w.gamma[i]! + w.beta[i]!;
  }
  const wT = transposed(w.weight.data, D, C);
  for (let r = 0; r < count; r += ROWS_AT_ONCE) {
    // a last group of fewer rows repeats its last row (computed, not stored)
    const [n0, n1, n2, n3] = [0, 1, 2, 3].map((k) => Math.min(r + k, count - 1) * D) as [number, number, number, number];
    for (let c = 0; c < C; c++) {
      const col = c * D;
      const b = w.bias[c]!;
      let s0 = b;
      let s1 = b;
      let s2 = b;
      let s3 = b;
      for (let i = 0; i < D; i++) {
        const v = wT[col + i]!;
        s0 += normed[n0 + i]! * v;
        s1 += normed[n1 + i]! * v;
        s2 += normed[n2 + i]! * v;
        s3 += normed[n3 + i]! * v;
      }
      out[r * C + c] = s0;
      if (r + 1 < count) out[(r + 1) * C + c] = s1;
      if (r + 2 < count) out[(r + 2) * C + c] = s2;
      if (r + 3 < count) out[(r + 3) * C + c] = s3;
    }
  }
  return out;
}

/** The residual stream before layer 0 (the embeddings) and after each layer: L + 1 arrays of [T, D]. */
export function residualStream(trace: VitTrace): Float32Array[] {
  return [trace.embeddings.data, ...trace.layers.map((l) => l.out.data)];
}

/**
 * The pooled readout at each depth, [L + 1, C] logits: [CLS] through the final norm and classifier,
 * or, for mean pooling, the mean of the normalised tokens, as the model itself pools. Row L is the model's logits.
 */
export function logitLens(trace: VitTrace, w: ReadoutWeights): Float64Array {
  const C = w.weight.shape[1]!;
  const { layout } = trace;
  const T = layout.numTokens;
  const stream = residualStream(trace);
  const out = new Float64Array(stream.length * C);
  stream.forEach((x, depth) => {
    checkTokenCount(layout, x.length / w.gamma.length, `the residual stream at depth ${depth}`);
    if (trace.config.pooling === 'cls' && layout.clsToken !== null) {
      const cls = readoutLogits(x, layout.clsToken, 1, w);
      const dist = layout.prefix.findIndex((p) => p.kind === 'dist');
      if (w.distillation && dist >= 0) {
        // DeiT with a teacher: the mean of the [CLS] head's and the [DIST] head's logits, as the model computes them
        const d = readoutLogits(x, dist, 1, { ...w, ...w.distillation });
        for (let c = 0; c < C; c++) cls[c] = (cls[c]! + d[c]!) / 2;
      }
      out.set(cls, depth * C);
      return;
    }
    // the classifier is linear, so the mean of each token's logits is the logits of the mean token
    const perToken = readoutLogits(x, 0, T, w);
    for (let t = 0; t < T; t++) for (let c = 0; c < C; c++) out[depth * C + c]! += perToken[t * C + c]! / T;
  });
  return out;
}

/** Each patch token read out at one depth: [N, C] logits (prefix tokens left out). */
export function patchLogitLens(trace: VitTrace, w: ReadoutWeights, depth: number): Float64Array {
  const { layout } = trace;
  const x = residualStream(trace)[depth]!;
  checkTokenCount(layout, x.length / w.gamma.length, `the residual stream at depth ${depth}`);
  return readoutLogits(x, patchToToken(layout, 0), layout.numPatches, w);
}
