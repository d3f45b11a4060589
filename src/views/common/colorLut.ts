/** A 256-entry RGB lookup table of a d3 interpolator, so dense rasters avoid a string per cell. */
import { rgb } from 'd3-color';

export type Interpolator = (t: number) => string;

export function colorLut(interpolator: Interpolator): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const c = rgb(interpolator(i / 255));
    lut[i * 3] = c.r;
    lut[i * 3 + 1] = c.g;
    lut[i * 3 + 2] = c.b;
  }
  return lut;
}

/** Fills RGBA pixels from values mapped through [lo, hi] (clamped) and the table. */
export function paintValues(
  values: ArrayLike<number>,
  domain: [number, number],
  lut: Uint8ClampedArray,
  out: Uint8ClampedArray,
): void {
  const [lo, hi] = domain;
  const span = hi - lo || 1;
  for (let i = 0; i < values.length; i++) {
    const t = Math.min(1, Math.max(0, (values[i]! - lo) / span));
    const k = Math.round(t * 255) * 3;
    out[i * 4] = lut[k]!;
    out[i * 4 + 1] = lut[k + 1]!;
    out[i * 4 + 2] = lut[k + 2]!;
    out[i * 4 + 3] = 255;
  }
}
