/**
 * Hiding patches of a preprocessed input: the one masking both the faithfulness curves and the
 * patch-masking what-if use. A fill is either a constant input value (0: the normalised mean
 * colour, as the curves use) or a colour made in pixel space and normalised as the preprocessor
 * does: the dataset's mean colour, black, or the image blurred.
 */
import { inputToPixel, meanPixel, pixelToInput, type PixelNormalisation } from './pixelNormalisation';

export interface ImageGeometry {
  channels: number;
  /** the side in pixels */
  size: number;
  patchSize: number;
}

export type MaskFill = 'mean' | 'black' | 'blur';
export const MASK_FILLS: readonly MaskFill[] = ['mean', 'black', 'blur'];
export const isMaskFill = (v: unknown): v is MaskFill => MASK_FILLS.includes(v as MaskFill);

export type PatchFill = number | { kind: MaskFill; normalisation: PixelNormalisation };

/** The blur's Gaussian σ in pixels: half a patch, so a blurred patch keeps its colour but loses its detail. */
export const blurSigma = (patchSize: number): number => patchSize / 2;

/** A normalised 1-D Gaussian kernel over −⌈3σ⌉…⌈3σ⌉. */
export function gaussianKernel(sigma: number): Float64Array {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const k = Float64Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)));
  const sum = k.reduce((a, b) => a + b, 0);
  return k.map((v) => v / sum);
}

/** One S × S plane blurred by a separable kernel, edges repeated. */
function blurPlane(plane: Float64Array, size: number, kernel: Float64Array): Float64Array {
  const r = (kernel.length - 1) / 2;
  const clamp = (i: number) => Math.min(size - 1, Math.max(0, i));
  const rows = new Float64Array(plane.length);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      let s = 0;
      for (let k = -r; k <= r; k++) s += kernel[k + r]! * plane[y * size + clamp(x + k)]!;
      rows[y * size + x] = s;
    }
  const out = new Float64Array(plane.length);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      let s = 0;
      for (let k = -r; k <= r; k++) s += kernel[k + r]! * rows[clamp(y + k) * size + x]!;
      out[y * size + x] = s;
    }
  return out;
}

/** Channel c's fill values over its plane, as input values: one constant, or the blurred plane. */
function fillOf(input: Float32Array, g: ImageGeometry, fill: PatchFill, c: number): number | Float64Array {
  if (typeof fill === 'number') return fill;
  const n = fill.normalisation;
  if (fill.kind === 'black') return pixelToInput(n, c, 0);
  if (fill.kind === 'mean') return pixelToInput(n, c, meanPixel(n, c));
  const plane = g.size * g.size;
  const pixels = Float64Array.from(input.subarray(c * plane, (c + 1) * plane), (v) => inputToPixel(n, c, v));
  return blurPlane(pixels, g.size, gaussianKernel(blurSigma(g.patchSize))).map((p) => pixelToInput(n, c, p));
}

/**
 * The preprocessed input [C, S, S] with the patches not kept filled. keep[p] is for patch p in
 * row-major grid order.
 */
export function maskPatches(input: Float32Array, g: ImageGeometry, keep: ArrayLike<boolean>, fill: PatchFill = 0): Float32Array {
  const out = input.slice();
  const grid = g.size / g.patchSize;
  const masked = Array.from({ length: grid * grid }, (_, p) => p).filter((p) => !keep[p]);
  if (masked.length === 0) return out;
  for (let c = 0; c < g.channels; c++) {
    const values = fillOf(input, g, fill, c);
    const base = c * g.size * g.size;
    for (const p of masked) {
      const y0 = Math.floor(p / grid) * g.patchSize;
      const x0 = (p % grid) * g.patchSize;
      for (let y = y0; y < y0 + g.patchSize; y++) {
        const at = base + y * g.size + x0;
        if (typeof values === 'number') out.fill(values, at, at + g.patchSize);
        else for (let x = 0; x < g.patchSize; x++) out[at + x] = values[y * g.size + x0 + x]!;
      }
    }
  }
  return out;
}
