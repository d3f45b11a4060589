import { describe, expect, it } from 'vitest';
import { attentionOnObject } from './objectAttention';

describe('attentionOnObject', () => {
  it('weights coverage by attention and renormalises without [CLS]', () => {
    // 4 patches; the object fully covers patch 1 and half of patch 2
    const coverage = [0, 1, 0.5, 0];
    const uniform = attentionOnObject([0.1, 0.1, 0.1, 0.1], coverage);
    expect(uniform.share).toBeCloseTo(0.375, 12);
    expect(uniform.area).toBe(0.375);
    const r = attentionOnObject([0.05, 0.3, 0.1, 0.05], coverage); // sums to 0.5: the rest was on [CLS]
    expect(r.share).toBeCloseTo((0.3 + 0.05) / 0.5, 12);
    expect(() => attentionOnObject([1, 2], coverage)).toThrow(/2 patches but a mask of 4/);
  });
});
