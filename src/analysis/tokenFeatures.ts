/**
 * Token norms and feature PCA. Large-norm "artifact" tokens (Darcet et al. 2024, "Vision
 * Transformers Need Registers") are patches a ViT repurposes as scratch space: their output norm is
 * several times the rest. The first three principal components of the patch features as RGB (as in
 * DINO/DINOv2's figures) show which patches the model represents alike.
 */
import { checkTokenCount, type TokenLayout } from '../model/tokenLayout';
import { pca, project } from './pca';

/** The L2 norm of each row of [T, D]: [T]. */
export function rowNorms(x: ArrayLike<number>, T: number, D: number): Float64Array {
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let s = 0;
    for (let k = 0; k < D; k++) s += x[t * D + k]! ** 2;
    out[t] = Math.sqrt(s);
  }
  return out;
}

export function median(values: ArrayLike<number>): number {
  const s = Array.from(values).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Entries (patches, given patch norms) whose norm is at least `factor` × the median, largest first. */
export function highNormTokens(norms: ArrayLike<number>, factor: number): { token: number; ratio: number }[] {
  const mid = median(norms);
  return Array.from(norms, (n, token) => ({ token, ratio: n / (mid || 1) }))
    .filter((t) => t.ratio >= factor)
    .sort((a, b) => b.ratio - a.ratio);
}

/** The patch norms of a [T, D] layer output: [N], prefix tokens left out. */
export function patchNorms(x: ArrayLike<number>, layout: TokenLayout, D: number): Float64Array {
  checkTokenCount(layout, x.length / D, 'the layer output');
  return rowNorms(x, layout.numTokens, D).subarray(layout.prefix.length);
}

/** The patch rows of [T, D] projected on their own first three principal components, each scaled to 0…1: [N, 3]. */
export function featureRgb(x: ArrayLike<number>, layout: TokenLayout, D: number): FeatureRgb {
  return featureRgbOfRows(copyPatchRows(x, layout, D), layout.numPatches, D);
}

export interface FeatureRgb {
  /** [N, 3] */
  rgb: Float32Array;
  /** each component's share of the variance */
  explained: number[];
}

/** The patch rows [N, D] of a [T, D] layer output (a copy). */
export function copyPatchRows(x: ArrayLike<number>, layout: TokenLayout, D: number): Float32Array {
  checkTokenCount(layout, x.length / D, 'the layer output');
  const first = layout.prefix.length * D;
  return Float32Array.from({ length: layout.numPatches * D }, (_, i) => x[first + i]!);
}

/** Rows [N, D] projected on their own first three principal components, each scaled to 0…1: [N, 3]. */
export function featureRgbOfRows(rows: ArrayLike<number>, N: number, D: number): FeatureRgb {
  const p = pca(rows, N, D, 3);
  const coords = project(rows, N, D, p);
  const k = p.components.length;
  const rgb = new Float32Array(N * 3);
  for (let c = 0; c < 3; c++) {
    if (c >= k) continue;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < N; i++) {
      lo = Math.min(lo, coords[i * k + c]!);
      hi = Math.max(hi, coords[i * k + c]!);
    }
    for (let i = 0; i < N; i++) rgb[i * 3 + c] = hi > lo ? (coords[i * k + c]! - lo) / (hi - lo) : 0.5;
  }
  return { rgb, explained: p.variances.map((v) => v / (p.totalVariance || 1)) };
}
