/**
 * How much of a token's attention falls on the object, given how much of each patch the object
 * covers (0…1). The weight on [CLS] itself is left out and the rest renormalised, so the share is
 * comparable with the object's area (what uniform attention would give).
 */
import type { Matrix } from '../model/trace';
import type { TokenLayout } from '../model/tokenLayout';
import { meanHeadsRow, patchPart } from './rows';

/** [CLS]'s attention over the patches, mean of heads: [N]; null for a model without [CLS]. */
export function clsPatchAttention(attn: Matrix, layout: TokenLayout): Float32Array | null {
  if (layout.clsToken === null) return null;
  return patchPart(meanHeadsRow(attn, layout.clsToken), layout);
}

export interface ObjectShare {
  /** attention-weighted coverage: Σ a_p · c_p / Σ a_p */
  share: number;
  /** mean coverage: the share uniform attention would give */
  area: number;
}

export function attentionOnObject(patchAttention: ArrayLike<number>, coverage: ArrayLike<number>): ObjectShare {
  if (patchAttention.length !== coverage.length) {
    throw new RangeError(`attention over ${patchAttention.length} patches but a mask of ${coverage.length}`);
  }
  let total = 0;
  let onObject = 0;
  let area = 0;
  for (let p = 0; p < coverage.length; p++) {
    total += patchAttention[p]!;
    onObject += patchAttention[p]! * coverage[p]!;
    area += coverage[p]!;
  }
  return { share: total > 0 ? onObject / total : 0, area: area / coverage.length };
}
