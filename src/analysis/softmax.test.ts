import { describe, expect, it } from 'vitest';
import { softmax, softmaxRows } from './softmax';

describe('softmax', () => {
  it('is stable for large values and each row of a matrix is its own distribution', () => {
    const p = softmax([1000, 1001]);
    expect(p[1]! / p[0]!).toBeCloseTo(Math.E, 9);
    const rows = softmaxRows(Float64Array.of(0, 0, 1, 1000, 0, 1000), 3);
    expect(Array.from(rows.subarray(0, 3)).map((v) => +v.toFixed(9))).toEqual(
      [1, 1, Math.E].map((v) => +(v / (2 + Math.E)).toFixed(9)),
    );
    expect(rows[3]).toBeCloseTo(0.5, 12);
    expect(rows[4]).toBe(0);
    expect(rows[5]).toBeCloseTo(0.5, 12);
  });
});
