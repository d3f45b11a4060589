import { describe, expect, it } from 'vitest';
import { cosine, countActive, onlyHeadMask, softmaxSummary, topShare, vectorLength } from './lessonNumbers';

describe('the lesson’s numbers', () => {
  it('keeps one head in every layer', () => {
    expect(onlyHeadMask(2, 3, 1)).toEqual([
      [0, 1, 0],
      [0, 1, 0],
    ]);
  });

  it('measures length and cosine', () => {
    expect(vectorLength([3, 4])).toBe(5);
    expect(cosine([1, 0], [0, 2])).toBe(0);
    expect(cosine([1, 1], [2, 2])).toBeCloseTo(1, 12);
    expect(cosine([1, 0], [-3, 0])).toBeCloseTo(-1, 12);
    expect(cosine([0, 0], [1, 0])).toBe(0);
    expect(() => cosine([1], [1, 2])).toThrow(RangeError);
  });

  it('summarises a softmax row: sums to 1, sharper with a larger scale', () => {
    const scores = [4, 2, 0, -2];
    const soft = softmaxSummary(scores, 0.25);
    const sharp = softmaxSummary(scores, 1);
    expect(soft.sum).toBeCloseTo(1, 12);
    expect(sharp.sum).toBeCloseTo(1, 12);
    expect(sharp.max).toBeGreaterThan(soft.max);
    expect(sharp.bits).toBeLessThan(soft.bits);
    // by hand: e^1 / (e^1 + e^0.5 + e^0 + e^-0.5)
    expect(soft.max).toBeCloseTo(Math.E / (Math.E + Math.exp(0.5) + 1 + Math.exp(-0.5)), 12);
    expect(softmaxSummary(scores, 0).bits).toBeCloseTo(2, 12);
  });

  it('finds the top weights and their share, and counts active units', () => {
    expect(topShare([0.1, 0.5, 0.4], 2)).toEqual({ indices: [1, 2], share: expect.closeTo(0.9, 12) as number });
    expect(countActive([-1, 0, 0.5, 2])).toBe(2);
  });
});
