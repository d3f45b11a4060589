import { describe, expect, it } from 'vitest';
import { allHeadsOn, compareProbabilities, countOff, toggleHead } from './ablation';
import { softmax } from './softmax';

describe('head ablation bookkeeping', () => {
  it('toggles heads and counts the ones off', () => {
    const on = allHeadsOn(2, 3);
    const off = toggleHead(toggleHead(on, 1, 2), 0, 0);
    expect(off).toEqual([
      [0, 1, 1],
      [1, 1, 0],
    ]);
    expect(countOff(off)).toBe(2);
    expect(toggleHead(off, 1, 2)[1]).toEqual([1, 1, 1]);
  });

  it('says which classes gained and lost, and whether the top-1 flipped', () => {
    const r = compareProbabilities([0.6, 0.3, 0.1], [0.2, 0.5, 0.3], ['cat', 'dog', 'car'], 2);
    expect(r.before.map((c) => c.label)).toEqual(['cat', 'dog']);
    expect(r.after.map((c) => c.label)).toEqual(['dog', 'car']);
    expect(r.gained.map((c) => c.label)).toEqual(['dog', 'car']);
    expect(r.lost.map((c) => c.label)).toEqual(['cat']);
    expect(r.lost[0]!.delta).toBeCloseTo(-0.4, 12);
    expect(r.flipped).toBe(true);
    // a re-run with every head on: float32's last bits are no gain or loss
    const same = compareProbabilities([0.6, 0.3, 0.1], [0.6 + 1e-7, 0.3 - 1e-7, 0.1 + 4e-4], ['cat', 'dog', 'car'], 2);
    expect([same.gained, same.lost, same.flipped]).toEqual([[], [], false]);
    const small = compareProbabilities([0.6, 0.3, 0.1], [0.5994, 0.3006, 0.1], ['cat', 'dog', 'car'], 2);
    expect([small.gained.map((c) => c.label), small.lost.map((c) => c.label)]).toEqual([['dog'], ['cat']]);
    const s = softmax([1, 2, 3]);
    expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(s[2]! / s[1]!).toBeCloseTo(Math.E, 12);
  });
});
