/**
 * Patch masking, what if: the prediction and the attention of the masked image against the
 * unmasked one. Pure functions over the trace and one re-run's logits and attention.
 */
import type { TokenLayout } from '../model/tokenLayout';
import { imageRow } from './rollout';
import { softmax } from './softmax';
import { topK } from './topK';

export interface ClassShift {
  index: number;
  label: string;
  before: number;
  after: number;
  /** after − before, in probability */
  delta: number;
}

export interface MaskWhatIf {
  /** the k classes most probable before masking, with their probability after */
  before: ClassShift[];
  /** the k classes most probable after masking, with their probability before */
  after: ClassShift[];
  /** whether the top-1 class changed */
  flipped: boolean;
  /**
   * [L, h] row-major: per layer and head, the change in the attention the image row ([CLS], or the
   * mean row without [CLS]) gives the patches left unmasked, Σ_{p kept} (A′[row, p] − A[row, p]).
   */
  attentionShift: Float32Array;
}

/** Each class's probability before and after, for the classes named. */
const shifts = (indices: number[], before: ArrayLike<number>, after: ArrayLike<number>, labels: readonly string[]) =>
  indices.map((index) => ({
    index,
    label: labels[index] ?? `class ${index}`,
    before: before[index]!,
    after: after[index]!,
    delta: after[index]! - before[index]!,
  }));

/** Top-k before and after, each with the other side's probability and the change. */
export function predictionShift(
  before: ArrayLike<number>,
  after: ArrayLike<number>,
  labels: readonly string[],
  k: number,
): Pick<MaskWhatIf, 'before' | 'after' | 'flipped'> {
  const b = topK(before, labels, k).map((c) => c.index);
  const a = topK(after, labels, k).map((c) => c.index);
  return { before: shifts(b, before, after, labels), after: shifts(a, before, after, labels), flipped: a[0] !== b[0] };
}

/** See MaskWhatIf.attentionShift; attention per layer as [h, T, T]. keep[p] for patch p. */
export function attentionShift(
  before: Float32Array[],
  after: Float32Array[],
  heads: number,
  layout: TokenLayout,
  keep: ArrayLike<boolean>,
): Float32Array {
  const T = layout.numTokens;
  const out = new Float32Array(before.length * heads);
  const rowOf = (attn: Float32Array, k: number) => imageRow(attn.subarray(k * T * T, (k + 1) * T * T), layout);
  before.forEach((attn, l) => {
    if (after[l]!.length !== heads * T * T || attn.length !== heads * T * T) {
      throw new RangeError(`layer ${l}'s attention is not [${heads}, ${T}, ${T}]`);
    }
    for (let k = 0; k < heads; k++) {
      const b = rowOf(attn, k);
      const a = rowOf(after[l]!, k);
      let sum = 0;
      for (let p = 0; p < layout.numPatches; p++) if (keep[p]) sum += a[p]! - b[p]!;
      out[l * heads + k] = sum;
    }
  });
  return out;
}

/** The whole comparison: probabilities (softmax of the re-run's logits; none without a classifier) and the attention shift. */
export function maskWhatIf(
  probsBefore: ArrayLike<number> | null,
  logitsAfter: ArrayLike<number> | null,
  attentionBefore: Float32Array[],
  attentionAfter: Float32Array[],
  heads: number,
  layout: TokenLayout,
  keep: ArrayLike<boolean>,
  labels: readonly string[],
  k = 5,
): MaskWhatIf {
  return {
    ...(probsBefore && logitsAfter
      ? predictionShift(probsBefore, softmax(logitsAfter), labels, k)
      : { before: [], after: [], flipped: false }),
    attentionShift: attentionShift(attentionBefore, attentionAfter, heads, layout, keep),
  };
}
