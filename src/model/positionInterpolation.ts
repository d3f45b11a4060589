/**
 * Position embeddings learned on one patch grid, resized to another exactly as transformers' DINOv2
 * does it with torch's F.interpolate(mode="bicubic", align_corners=False), in one of the three ways
 * of PositionInterpolation (config.ts). Separable: a 1-D weight matrix per axis, applied to rows then
 * columns, in float64. Done once when the model loads.
 */
import type { PositionInterpolation } from './config';

/** Keys' cubic convolution kernel with parameter a (torch: −0.75 plain, −0.5 antialiased). */
function cubic(x: number, a: number): number {
  const t = Math.abs(x);
  if (t < 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
  if (t < 2) return (((t - 5) * t + 8) * t - 4) * a;
  return 0;
}

/** [out × in] weights of torch's upsample_bicubic2d along one axis: src = scale·(i + ½) − ½, 4 taps, edges clamped. */
function plainWeights(inSize: number, outSize: number, scale: number): Float64Array {
  const w = new Float64Array(outSize * inSize);
  for (let i = 0; i < outSize; i++) {
    const src = scale * (i + 0.5) - 0.5;
    const base = Math.floor(src);
    const t = src - base;
    for (let k = -1; k <= 2; k++) {
      const j = Math.min(Math.max(base + k, 0), inSize - 1);
      w[i * inSize + j]! += cubic(k - t, -0.75);
    }
  }
  return w;
}

/** The same with antialias=True (torch's _upsample_bicubic2d_aa): the kernel widened by the scale when shrinking, normalised. */
function antialiasWeights(inSize: number, outSize: number, scale: number): Float64Array {
  const w = new Float64Array(outSize * inSize);
  const support = scale >= 1 ? 2 * scale : 2;
  const invScale = scale >= 1 ? 1 / scale : 1;
  for (let i = 0; i < outSize; i++) {
    const centre = scale * (i + 0.5);
    const xmin = Math.max(Math.trunc(centre - support + 0.5), 0);
    const xmax = Math.min(Math.trunc(centre + support + 0.5), inSize);
    let total = 0;
    for (let j = xmin; j < xmax; j++) total += cubic((j - centre + 0.5) * invScale, -0.5);
    for (let j = xmin; j < xmax; j++) w[i * inSize + j] = cubic((j - centre + 0.5) * invScale, -0.5) / (total || 1);
  }
  return w;
}

/** The output size and coordinate scale along one axis for a target grid of `target` patches. */
function axis(inSize: number, target: number, mode: PositionInterpolation): { outSize: number; scale: number } {
  if (mode !== 'scale-factor-offset') return { outSize: target, scale: inSize / target };
  // transformers < 4.45: scale_factor = (target + 0.1) / √N; torch's output size floor(in · factor), coordinates by 1 / factor
  const factor = (target + 0.1) / Math.sqrt(inSize * inSize);
  return { outSize: Math.floor(inSize * factor), scale: 1 / factor };
}

/**
 * Resizes a [srcGrid², D] grid of position embeddings (row-major patches) to [rows × cols, D].
 * Throws if the size-from-scale-factor rounding misses the target, as transformers does.
 */
export function interpolatePositions(
  positions: ArrayLike<number>,
  srcGrid: number,
  rows: number,
  cols: number,
  D: number,
  mode: PositionInterpolation,
): Float64Array {
  if (positions.length !== srcGrid * srcGrid * D) {
    throw new RangeError(`position grid has ${positions.length} values, expected ${srcGrid}² × ${D}`);
  }
  const ay = axis(srcGrid, rows, mode);
  const ax = axis(srcGrid, cols, mode);
  if (ay.outSize !== rows || ax.outSize !== cols) {
    throw new RangeError(
      `interpolating ${srcGrid} × ${srcGrid} positions gives ${ay.outSize} × ${ax.outSize}, not ${rows} × ${cols}`,
    );
  }
  const weights = mode === 'size-antialias' ? antialiasWeights : plainWeights;
  const wy = weights(srcGrid, rows, ay.scale);
  const wx = weights(srcGrid, cols, ax.scale);
  // columns first: [srcGrid, cols, D]
  const mid = new Float64Array(srcGrid * cols * D);
  for (let y = 0; y < srcGrid; y++) {
    for (let c = 0; c < cols; c++) {
      const o = (y * cols + c) * D;
      for (let j = 0; j < srcGrid; j++) {
        const w = wx[c * srcGrid + j]!;
        if (w === 0) continue;
        const s = (y * srcGrid + j) * D;
        for (let e = 0; e < D; e++) mid[o + e]! += w * positions[s + e]!;
      }
    }
  }
  const out = new Float64Array(rows * cols * D);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < srcGrid; j++) {
      const w = wy[r * srcGrid + j]!;
      if (w === 0) continue;
      for (let c = 0; c < cols; c++) {
        const o = (r * cols + c) * D;
        const s = (j * cols + c) * D;
        for (let e = 0; e < D; e++) out[o + e]! += w * mid[s + e]!;
      }
    }
  }
  return out;
}
