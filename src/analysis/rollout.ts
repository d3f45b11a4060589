/**
 * Attention rollout (Abnar & Zuidema 2020, "Quantifying Attention Flow in Transformers"; the ViT
 * paper's Fig. 6 and 13): how much each token's information reaches each other token through the
 * layers, counting the residual path. Follows vit-explain's recipe: fuse heads, optionally drop the
 * weakest links, add the identity, renormalise rows, multiply through the layers.
 */
import { checkTokenCount, type TokenLayout } from '../model/tokenLayout';
import type { VitTrace } from '../model/trace';

export type HeadFusion = 'mean' | 'max' | 'min';

export interface RolloutOptions {
  fusion: HeadFusion;
  /** the fraction of the fused matrix's smallest entries set to zero (0 keeps all) */
  discardRatio: number;
  /** the last layer multiplied in (0-based, inclusive) */
  upToLayer: number;
}

/** One layer's heads fused into one [T, T] matrix. attn is [h, T, T]. */
export function fuseHeads(attn: ArrayLike<number>, h: number, T: number, fusion: HeadFusion): Float64Array {
  const out = new Float64Array(T * T);
  for (let i = 0; i < T * T; i++) {
    let acc = fusion === 'mean' ? 0 : attn[i]!;
    for (let k = 0; k < h; k++) {
      const v = attn[k * T * T + i]!;
      if (fusion === 'mean') acc += v / h;
      else if (fusion === 'max') acc = Math.max(acc, v);
      else acc = Math.min(acc, v);
    }
    out[i] = acc;
  }
  return out;
}

/**
 * Zeroes the `ratio` fraction of smallest entries in place (every entry at or below that quantile),
 * never entry 0 ([CLS] → [CLS], as vit-explain does).
 */
export function discardLowest(m: Float64Array, ratio: number): void {
  const count = Math.floor(m.length * Math.min(1, Math.max(0, ratio)));
  if (count === 0) return;
  const threshold = Float64Array.from(m).sort()[count - 1]!;
  for (let i = 1; i < m.length; i++) if (m[i]! <= threshold) m[i] = 0;
}

/** (A + I) with rows renormalised to sum to 1: the attention with the residual path added. */
export function withResidual(m: Float64Array, T: number): Float64Array {
  const out = new Float64Array(T * T);
  for (let i = 0; i < T; i++) {
    let sum = 0;
    for (let j = 0; j < T; j++) sum += m[i * T + j]! + (i === j ? 1 : 0);
    for (let j = 0; j < T; j++) out[i * T + j] = (m[i * T + j]! + (i === j ? 1 : 0)) / sum;
  }
  return out;
}

/** a · b for [T, T] matrices. */
export function matMulSquare(a: Float64Array, b: Float64Array, T: number): Float64Array {
  const out = new Float64Array(T * T);
  for (let i = 0; i < T; i++) {
    for (let k = 0; k < T; k++) {
      const aik = a[i * T + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < T; j++) out[i * T + j]! += aik * b[k * T + j]!;
    }
  }
  return out;
}

/** The rollout [T, T] = Â_upTo · … · Â_0, with Â the fused, pruned, residual-added attention of each layer. */
export function attentionRollout(layers: ArrayLike<number>[], h: number, T: number, options: RolloutOptions): Float64Array {
  let result: Float64Array | null = null;
  for (const a of rolloutFactors(layers, h, T, options)) result = result ? matMulSquare(a, result, T) : a;
  return result!;
}

/** The rollout's layers, fused, pruned and residual-added: Â_0 … Â_upTo. */
function rolloutFactors(layers: ArrayLike<number>[], h: number, T: number, options: RolloutOptions): Float64Array[] {
  if (options.upToLayer < 0 || options.upToLayer >= layers.length) {
    throw new RangeError(`layer ${options.upToLayer} is outside 0…${layers.length - 1}`);
  }
  return layers.slice(0, options.upToLayer + 1).map((attn) => {
    const fused = fuseHeads(attn, h, T, options.fusion);
    discardLowest(fused, options.discardRatio);
    return withResidual(fused, T);
  });
}

/** vᵀ · M_last · … · M_0 for [T, T] factors listed first to last: O(L·T²), not the O(L·T³) of the full product. */
export function rowThrough(v: Float64Array, factors: Float64Array[], T: number): Float64Array {
  let row = v;
  for (let l = factors.length - 1; l >= 0; l--) {
    const m = factors[l]!;
    const next = new Float64Array(T);
    for (let k = 0; k < T; k++) {
      const vk = row[k]!;
      if (vk === 0) continue;
      for (let j = 0; j < T; j++) next[j]! += vk * m[k * T + j]!;
    }
    row = next;
  }
  return row;
}

/** The starting row: [CLS]'s one-hot, or, for a model without [CLS], the mean over all tokens. */
export function imageStart(layout: TokenLayout): Float64Array {
  const T = layout.numTokens;
  const v = new Float64Array(T);
  if (layout.clsToken !== null) v[layout.clsToken] = 1;
  else v.fill(1 / T);
  return v;
}

/** Which row a [T, T] map is read along for the image: [CLS]'s, or the tokens' mean without [CLS]. */
export type ImageRowKind = 'cls' | 'mean';
export const imageRowKind = (layout: TokenLayout): ImageRowKind => (layout.clsToken !== null ? 'cls' : 'mean');

/** The image row's name in English: "[CLS] row" or "mean row" (the views say it through the catalogue: mapNames.ts). */
export const imageRowName = (layout: TokenLayout): string => (imageRowKind(layout) === 'cls' ? '[CLS] row' : 'mean row');

/** The patch columns of a row over all T tokens, as float32: [N]. */
function patchColumns(row: Float64Array, layout: TokenLayout): Float32Array {
  return Float32Array.from(row.subarray(layout.prefix.length));
}

/** The rollout's [CLS] row (or mean row) over the patches, [N], without forming the [T, T] product. */
export function rolloutImageRow(
  layers: ArrayLike<number>[],
  h: number,
  layout: TokenLayout,
  options: RolloutOptions,
): Float32Array {
  const T = layout.numTokens;
  layers.forEach((a, l) => checkTokenCount(layout, Math.round(Math.sqrt(a.length / h)), `layer ${l}'s attention`));
  return patchColumns(rowThrough(imageStart(layout), rolloutFactors(layers, h, T, options), T), layout);
}

/** The rollout map of a trace over its patches, [N]: what the rollout panel draws and the faithfulness curves rank. */
export function rolloutMapOf(trace: VitTrace, options: RolloutOptions): Readonly<Float32Array> {
  const key = `${options.fusion} ${options.discardRatio} ${options.upToLayer}`;
  let maps = rolloutMaps.get(trace);
  if (!maps) rolloutMaps.set(trace, (maps = new Map()));
  let map = maps.get(key);
  if (!map) {
    map = rolloutImageRow(
      trace.layers.map((l) => l.attn.data),
      trace.config.numHeads,
      trace.layout,
      options,
    );
    maps.set(key, map);
  }
  return map;
}

/**
 * Each trace's rollout maps by their options, computed once: the rollout panel, the class map's
 * comparison and the curves' ordering ask for the same map (the seed toy's, 1,024 tokens: ~0.1 s each).
 */
const rolloutMaps = new WeakMap<VitTrace, Map<string, Float32Array>>();

/**
 * What a [T, T] token-to-token map says about the image: the [CLS] row over the patches, or, for
 * a model without [CLS], the mean row (every token's share of each patch, averaged). [N] values.
 */
export function imageRow(m: ArrayLike<number>, layout: TokenLayout): Float32Array {
  const T = layout.numTokens;
  if (m.length !== T * T) throw new RangeError(`a map of ${m.length} values is not [T, T] for T = ${T}`);
  const start = imageStart(layout);
  const row = new Float64Array(T);
  for (let i = 0; i < T; i++) {
    const w = start[i]!;
    if (w === 0) continue;
    for (let j = 0; j < T; j++) row[j]! += w * m[i * T + j]!;
  }
  return patchColumns(row, layout);
}
