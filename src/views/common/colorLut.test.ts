import { describe, expect, it } from 'vitest';
import { interpolateGreys } from 'd3-scale-chromatic';
import { colorLut, paintValues, scalePosition } from './colorLut';

describe('paintValues', () => {
  it('maps the domain ends to the ends of the colour map and clamps outside it', () => {
    const lut = colorLut(interpolateGreys);
    const out = new Uint8ClampedArray(4 * 4);
    paintValues([0, 1, -5, 9], [0, 1], lut, out);
    expect(Array.from(out.subarray(0, 4))).toEqual([255, 255, 255, 255]);
    expect(Array.from(out.subarray(4, 8))).toEqual([0, 0, 0, 255]);
    expect(out[8]).toBe(255);
    expect(out[12]).toBe(0);
  });
});

describe('scalePosition', () => {
  it('spreads decades evenly on a log scale', () => {
    expect(scalePosition(1, [0, 1], 'log')).toBe(1);
    expect(scalePosition(1e-4, [0, 1], 'log')).toBeCloseTo(0, 12);
    expect(scalePosition(1e-2, [0, 1], 'log')).toBeCloseTo(0.5, 12);
    expect(scalePosition(0, [0, 1], 'log')).toBe(0);
    expect(scalePosition(0.25, [0, 1], 'linear')).toBe(0.25);
    expect(scalePosition(-3, [-2, 2], 'linear')).toBe(0);
  });
});
