/**
 * The logit lens (nostalgebraist 2020, for GPT-2; here for a ViT): read the residual stream after
 * every layer with the model's own final LayerNorm and classifier, as if the network stopped there.
 * Shows at which depth the prediction forms, and which patch tokens already "vote" for a class.
 */
import type { VitTrace } from '../model/trace';
import type { ReadoutWeights } from '../model/weightArrays';
import { checkTokenCount, patchToToken } from '../model/tokenLayout';
import { dot4, dot4Sums, fourRows } from './dot4';

/** Wᵀ [C, D] of a classifier's W [D, C], made once per weight array (the lens reads it at every depth and patch). */
const transposedOf = new WeakMap<ArrayLike<number>, Float64Array>();

function transposed(weight: ArrayLike<number>, D: number, C: number): Float64Array {
  let wT = transposedOf.get(weight);
  if (!wT) {
    wT = new Float64Array(C * D);
    // row by row through a small function, which V8 optimises after a few rows (as one nested loop,
    // ViT-B's 768 × 1,000 took ~0.2 s in Chromium)
    for (let i = 0; i < D; i++) transposeRow(weight, i, D, C, wT);
    transposedOf.set(weight, wT);
  }
  return wT;
}

function transposeRow(weight: ArrayLike<number>, i: number, D: number, C: number, wT: Float64Array): void {
  for (let c = 0; c < C; c++) wT[c * D + i] = weight[i * C + c]!;
}

/** The final LayerNorm of each of `count` rows of x [.., D] starting at row `first`: [count, D], in float64. */
export function normalisedRows(x: ArrayLike<number>, first: number, count: number, w: ReadoutWeights): Float64Array {
  const D = w.gamma.length;
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
  return normed;
}

/**
 * The classifier on each of `count` rows of normed [count, D]: [count, C]. Each logit is its bias plus the
 * products summed over i in order, in float64, as dot products with Wᵀ, four rows at a time (dot4.ts): a
 * ViT-B image's 196 patches × 1,000 classes took ~0.5 s as row-times-matrix updates, each step a load
 * and a store of the output.
 */
function classify(normed: Float64Array, count: number, w: ReadoutWeights): Float64Array {
  const [D, C] = w.weight.shape as [number, number];
  const out = new Float64Array(count * C);
  const wT = transposed(w.weight.data, D, C);
  for (let r = 0; r < count; r += 4) {
    const [n0, n1, n2, n3] = fourRows(r, count, D);
    const rows = Math.min(4, count - r);
    for (let c = 0; c < C; c++) {
      dot4(wT, c * D, normed, n0, n1, n2, n3, D, w.bias[c]!);
      for (let k = 0; k < rows; k++) out[(r + k) * C + c] = dot4Sums[k]!;
    }
  }
  return out;
}

/** LayerNorm then classifier for each of `count` rows of x [.., D] starting at row `first`: [count, C]. */
export function readoutLogits(x: ArrayLike<number>, first: number, count: number, w: ReadoutWeights): Float64Array {
  return classify(normalisedRows(x, first, count, w), count, w);
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
    // the classifier is linear, so the mean of each token's logits is the logits of the mean normalised
    // token: one readout a depth, not T (a mean-pooled ViT-B would have read 13 × 197 rows on the page)
    const D = w.gamma.length;
    const normed = normalisedRows(x, 0, T, w);
    const pooled = new Float64Array(D);
    for (let t = 0; t < T; t++) for (let i = 0; i < D; i++) pooled[i]! += normed[t * D + i]! / T;
    out.set(classify(pooled, 1, w), depth * C);
  });
  return out;
}

/** The rows patchLogitLens reads out at one depth: the residual stream x [T, D] and its patch rows first…first+count−1. */
export function patchRows(trace: VitTrace, w: ReadoutWeights, depth: number): { x: Float32Array; first: number; count: number } {
  const { layout } = trace;
  const x = residualStream(trace)[depth]!;
  checkTokenCount(layout, x.length / w.gamma.length, `the residual stream at depth ${depth}`);
  return { x, first: patchToToken(layout, 0), count: layout.numPatches };
}

/** Each patch token read out at one depth: [N, C] logits (prefix tokens left out). */
export function patchLogitLens(trace: VitTrace, w: ReadoutWeights, depth: number): Float64Array {
  const { x, first, count } = patchRows(trace, w, depth);
  return readoutLogits(x, first, count, w);
}
