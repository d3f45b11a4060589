import { describe, expect, it } from 'vitest';
import { makeTokenLayout, type PrefixToken } from '../model/tokenLayout';
import { attentionShift, maskWhatIf, predictionShift } from './maskWhatIf';

const labels = ['cat', 'dog', 'fox', 'owl'];

describe('predictionShift', () => {
  it('lists the top classes on each side with the other side’s probability and the change', () => {
    const r = predictionShift([0.5, 0.3, 0.15, 0.05], [0.2, 0.6, 0.1, 0.1], labels, 2);
    expect(r.before.map((c) => [c.label, c.before, c.after])).toEqual([
      ['cat', 0.5, 0.2],
      ['dog', 0.3, 0.6],
    ]);
    expect(r.before[0]!.delta).toBeCloseTo(-0.3, 12);
    expect(r.after.map((c) => c.label)).toEqual(['dog', 'cat']);
    expect(r.after[0]!.delta).toBeCloseTo(0.3, 12);
    expect(r.flipped).toBe(true);
  });
});

describe('attentionShift', () => {
  // [CLS] + 2 × 2 patches: T = 5; one layer, two heads
  const cls = makeTokenLayout([{ kind: 'cls', name: '[CLS]' }], 2, 2);
  const headOf = (clsRow: number[]) => [...clsRow, ...new Array(4 * 5).fill(0.2)];
  it('sums the [CLS] row’s change over the visible patches, per head', () => {
    const before = [Float32Array.from([...headOf([0.2, 0.2, 0.2, 0.2, 0.2]), ...headOf([0.6, 0.1, 0.1, 0.1, 0.1])])];
    const after = [Float32Array.from([...headOf([0.1, 0.4, 0.1, 0.3, 0.1]), ...headOf([0.6, 0.1, 0.1, 0.1, 0.1])])];
    // patch 1 (token 2) masked: visible patches are tokens 1, 3, 4
    const shift = attentionShift(before, after, 2, cls, [true, false, true, true]);
    expect(shift[0]).toBeCloseTo(0.4 - 0.2 + (0.3 - 0.2) + (0.1 - 0.2), 6); // 0.2
    expect(shift[1]).toBe(0);
  });

  it('reads past every prefix token: [CLS] + [DIST] and [CLS] + registers', () => {
    const prefixes: PrefixToken[][] = [
      [{ kind: 'dist', name: '[DIST]' }],
      [1, 2, 3, 4].map((i) => ({ kind: 'reg', name: `[REG${i}]` })),
    ];
    for (const extra of prefixes) {
      const layout = makeTokenLayout([{ kind: 'cls', name: '[CLS]' }, ...extra], 1, 2);
      const T = layout.numTokens;
      const flat = (row: number[]) => Float32Array.from({ length: T * T }, (_, i) => (i < T ? row[i]! : 1 / T));
      const row = (p0: number, p1: number) => [...new Array<number>(T - 2).fill((1 - p0 - p1) / (T - 2)), p0, p1];
      // patch 1 masked: [CLS]'s attention to patch 0 goes from 0.1 to 0.4
      expect(attentionShift([flat(row(0.1, 0.3))], [flat(row(0.4, 0.1))], 1, layout, [true, false])[0]).toBeCloseTo(0.3, 6);
    }
  });

  it('uses the mean row without [CLS], and rejects attention of the wrong shape', () => {
    const none = makeTokenLayout([], 1, 2); // T = 2
    const before = [Float32Array.from([0.5, 0.5, 0.5, 0.5])];
    const after = [Float32Array.from([0.9, 0.1, 0.7, 0.3])];
    // mean row after: [0.8, 0.2], before [0.5, 0.5]; patch 0 visible
    expect(attentionShift(before, after, 1, none, [true, false])[0]).toBeCloseTo(0.3, 6);
    expect(() => attentionShift(before, [new Float32Array(3)], 1, none, [true, false])).toThrow(RangeError);
  });

  it('the whole comparison takes the softmax of the re-run’s logits; no classifier, no prediction', () => {
    const none = makeTokenLayout([], 1, 2);
    const attn = [Float32Array.from([0.5, 0.5, 0.5, 0.5])];
    const r = maskWhatIf([0.5, 0.5, 0, 0], [Math.log(3), 0, -Infinity, -Infinity], attn, attn, 1, none, [true, false], labels, 2);
    expect(r.after[0]!.label).toBe('cat');
    expect(r.after[0]!.after).toBeCloseTo(0.75, 12);
    expect(r.after[0]!.delta).toBeCloseTo(0.25, 12);
    expect(r.flipped).toBe(false);
    expect(Array.from(r.attentionShift)).toEqual([0]);
    const headless = maskWhatIf(null, null, attn, attn, 1, none, [true, false], labels);
    expect(headless.before).toEqual([]);
  });
});
