/**
 * The logit lens (nostalgebraist 2020, for GPT-2; here for a ViT): read the residual stream after
 * every layer with the model's own final LayerNorm and classifier, as if the network stopped there.
 * Shows at which depth the prediction forms, and which patch tokens already "vote" for a class.
 */
import type { VitTrace } from '../model/trace';
import type { ReadoutWeights } from '../model/weightArrays';
import { checkTokenCount, patchToToken } from '../model/tokenLayout';

/** LayerNorm then classifier for each of `count` rows of x [.., D] starting at row `first`: [count, C]. */
export function readoutLogits(x: ArrayLike<number>, first: number, count: number, w: ReadoutWeights): Float64Array {
  const [D, C] = w.weight.shape as [number, number];
  const out = new Float64Array(count * C);
  const normed = new Float64Array(D);
  for (let r = 0; r < count; r++) {
    const at = (first + r) * D;
    let mean = 0;
    for (let i = 0; i < D; i++) mean += x[at + i]! / D;
    let variance = 0;
    for (let i = 0; i < D; i++) variance += (x[at + i]! - mean) ** 2 / D;
    const inv = 1 / Math.sqrt(variance + w.eps);
    for (let i = 0; i < D; i++) normed[i] = (x[at + i]! - mean) * inv * w.gamma[i]! + w.beta[i]!;
    for (let c = 0; c < C; c++) out[r * C + c] = w.bias[c]!;
    for (let i = 0; i < D; i++) {
      const v = normed[i]!;
      const row = i * C;
      for (let c = 0; c < C; c++) out[r * C + c]! += v * w.weight.data[row + c]!;
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
