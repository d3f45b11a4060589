/**
 * Is a map faithful? Deletion and insertion curves (Petsiuk et al. 2018, RISE; used for ViTs by
 * Chefer et al. 2021): remove the patches a map ranks highest first (or add them back to a blank
 * image) and watch the class probability. A faithful map makes it fall fast on deletion (small area
 * under the curve) and rise fast on insertion (large area). Random order is the baseline.
 */
import { seededRandom } from '../model/seededRandom';

/** Patch indices, highest value first (ties: lower index first). */
export function rankPatches(map: ArrayLike<number>): number[] {
  return Array.from({ length: map.length }, (_, i) => i).sort((a, b) => map[b]! - map[a]! || a - b);
}

/** A random order of n patches, the same for the same seed. */
export function randomOrder(n: number, seed = 1): number[] {
  const random = seededRandom(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

export interface ImageGeometry {
  channels: number;
  /** the side in pixels */
  size: number;
  patchSize: number;
}

/**
 * The preprocessed input [C, S, S] with the patches not kept set to `fill` (0: after mean/std
 * normalisation, the dataset's mean colour). keep[p] is for patch p in row-major grid order.
 */
export function maskPatches(input: Float32Array, g: ImageGeometry, keep: ArrayLike<boolean>, fill = 0): Float32Array {
  const out = input.slice();
  const grid = g.size / g.patchSize;
  for (let p = 0; p < grid * grid; p++) {
    if (keep[p]) continue;
    const y0 = Math.floor(p / grid) * g.patchSize;
    const x0 = (p % grid) * g.patchSize;
    for (let c = 0; c < g.channels; c++)
      for (let y = y0; y < y0 + g.patchSize; y++)
        out.fill(fill, c * g.size * g.size + y * g.size + x0, c * g.size * g.size + y * g.size + x0 + g.patchSize);
  }
  return out;
}

export type CurveKind = 'deletion' | 'insertion';

/** The fractions of patches removed (deletion) or present (insertion) at each point: 0, 1/steps, …, 1. */
export function curveFractions(steps: number): number[] {
  return Array.from({ length: steps + 1 }, (_, i) => i / steps);
}

/** The inputs along one curve: for each fraction, the image with that share of patches removed or added back in `order`. */
export function curveInputs(
  input: Float32Array,
  g: ImageGeometry,
  order: number[],
  steps: number,
  kind: CurveKind,
  fill = 0,
): Float32Array[] {
  const n = order.length;
  return curveFractions(steps).map((f) => {
    const count = Math.round(f * n);
    const keep = new Array<boolean>(n).fill(kind === 'deletion');
    for (let i = 0; i < count; i++) keep[order[i]!] = kind === 'insertion';
    return maskPatches(input, g, keep, fill);
  });
}

/** The area under y(x) by the trapezoid rule. */
export function areaUnderCurve(xs: number[], ys: number[]): number {
  let area = 0;
  for (let i = 1; i < xs.length; i++) area += ((xs[i]! - xs[i - 1]!) * (ys[i]! + ys[i - 1]!)) / 2;
  return area;
}
