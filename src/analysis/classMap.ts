/**
 * Class-specific relevance (Chefer, Gur & Wolf 2021, "Generic Attention-model Explainability for
 * Interpreting Bi-Modal and Encoder-Decoder Transformers"): each layer's attention weighted by the
 * gradient of the class's logit with respect to it, positive part, mean over heads, propagated
 * through the layers as R ← R + Ā · R from R = I.
 */
import { checkTokenCount, type TokenLayout } from '../model/tokenLayout';
import type { VitTrace } from '../model/trace';
import type { AnalysisEngine, JobControl } from './engine';
import { imageStart, matMulSquare, rowThrough } from './rollout';

/** Ā = mean over heads of (∇A ⊙ A)⁺ for one layer: [T, T]. attn and grad are [h, T, T]. */
export function gradientWeightedAttention(attn: ArrayLike<number>, grad: ArrayLike<number>, h: number, T: number): Float64Array {
  const out = new Float64Array(T * T);
  for (let k = 0; k < h; k++) {
    for (let i = 0; i < T * T; i++) {
      const v = attn[k * T * T + i]! * grad[k * T * T + i]!;
      if (v > 0) out[i]! += v / h;
    }
  }
  return out;
}

/** The relevance [T, T] after every layer: R = (I + Ā_L−1) · … · (I + Ā_0). */
export function gradientRollout(
  attention: ArrayLike<number>[],
  gradients: ArrayLike<number>[],
  h: number,
  T: number,
): Float64Array {
  let relevance = new Float64Array(T * T);
  for (let i = 0; i < T; i++) relevance[i * T + i] = 1;
  attention.forEach((attn, l) => {
    const weighted = gradientWeightedAttention(attn, gradients[l]!, h, T);
    const update = matMulSquare(weighted, relevance, T);
    relevance = relevance.map((r, i) => r + update[i]!);
  });
  return relevance;
}

/** The relevance's [CLS] row (or mean row) over the patches, [N], without forming the [T, T] product. */
export function gradientImageRow(
  attention: ArrayLike<number>[],
  gradients: ArrayLike<number>[],
  h: number,
  layout: TokenLayout,
): Float32Array {
  const T = layout.numTokens;
  const factors = attention.map((attn, l) => {
    checkTokenCount(layout, Math.round(Math.sqrt(attn.length / h)), `layer ${l}'s attention`);
    const m = gradientWeightedAttention(attn, gradients[l]!, h, T);
    for (let i = 0; i < T; i++) m[i * T + i]! += 1;
    return m;
  });
  return Float32Array.from(rowThrough(imageStart(layout), factors, T).subarray(layout.prefix.length));
}

/** The class-specific map [N] of one class for the trace's image, through the engine's attention gradients. */
export async function classMapOf(
  trace: VitTrace,
  engine: Pick<AnalysisEngine, 'gradients'>,
  classIndex: number,
  control: JobControl = {},
): Promise<Float32Array> {
  const g = await engine.gradients(trace.input.data, classIndex, control);
  return gradientImageRow(g.attention, g.gradients, trace.config.numHeads, trace.layout);
}
