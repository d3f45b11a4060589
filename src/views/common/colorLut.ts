/** A 256-entry RGB lookup table of a d3 interpolator, so dense rasters avoid a string per cell. */
import { rgb } from 'd3-color';
import type { ScaleKind } from '../../state/selection';

export type { ScaleKind };

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

/**
 * The lower end of a log scale over [lo, hi]: values at or below it get the first colour.
 * Softmax rows span many decades; four below the top keep the map readable.
 */
export function logFloor(domain: [number, number]): number {
  return Math.max(domain[0], domain[1] * 1e-4, Number.MIN_VALUE);
}

/** Position of a value on the scale, 0…1, clamped. */
export function scalePosition(value: number, domain: [number, number], kind: ScaleKind): number {
  if (kind === 'log') {
    const lo = Math.log(logFloor(domain));
    const hi = Math.log(Math.max(domain[1], Number.MIN_VALUE));
    const t = (Math.log(Math.max(value, Number.MIN_VALUE)) - lo) / (hi - lo || 1);
    return Math.min(1, Math.max(0, t));
  }
  const t = (value - domain[0]) / (domain[1] - domain[0] || 1);
  return Math.min(1, Math.max(0, t));
}

/** Fills RGBA pixels from values mapped through the domain (clamped) and the table. */
export function paintValues(
  values: ArrayLike<number>,
  domain: [number, number],
  lut: Uint8ClampedArray,
  out: Uint8ClampedArray,
  kind: ScaleKind = 'linear',
): void {
  // one 32-bit write per pixel (RGBA bytes in memory order; every browser is little-endian)
  const packed = packedLut(lut);
  const pixels = new Uint32Array(out.buffer, out.byteOffset, values.length);
  if (kind === 'linear') {
    const lo = domain[0];
    const k = 255 / (domain[1] - domain[0] || 1);
    for (let i = 0; i < values.length; i++) {
      const t = (values[i]! - lo) * k;
      pixels[i] = packed[t <= 0 ? 0 : t >= 255 ? 255 : (t + 0.5) | 0]!;
    }
    return;
  }
  for (let i = 0; i < values.length; i++) pixels[i] = packed[Math.round(scalePosition(values[i]!, domain, kind) * 255)]!;
}

const packedCache = new WeakMap<Uint8ClampedArray, Uint32Array>();
function packedLut(lut: Uint8ClampedArray): Uint32Array {
  let packed = packedCache.get(lut);
  if (!packed) {
    packed = new Uint32Array(256);
    for (let i = 0; i < 256; i++) packed[i] = (255 << 24) | (lut[i * 3 + 2]! << 16) | (lut[i * 3 + 1]! << 8) | lut[i * 3]!;
    packedCache.set(lut, packed);
  }
  return packed;
}
