import { describe, expect, it } from 'vitest';
import { makeTokenLayout, type PrefixToken } from '../model/tokenLayout';
import { attentionDistanceRuledOut, averageDistances, meanAttentionDistance } from './attentionDistance';

const CLS: PrefixToken[] = [{ kind: 'cls', name: '[CLS]' }];
const grid = (g: number, prefix: PrefixToken[] = CLS) => makeTokenLayout(prefix, g, g);

function pattern(h: number, T: number, fill: (i: number, j: number) => number): Float32Array {
  const a = new Float32Array(h * T * T);
  for (let k = 0; k < h; k++) for (let i = 0; i < T; i++) for (let j = 0; j < T; j++) a[k * T * T + i * T + j] = fill(i, j);
  return a;
}

describe('mean attention distance', () => {
  it('is 0 when every patch attends only to itself', () => {
    const T = 17; // 4 × 4 grid + [CLS]
    const d = meanAttentionDistance(
      pattern(2, T, (i, j) => (i === j ? 1 : 0)),
      2,
      grid(4),
      16,
    );
    expect(Array.from(d)).toEqual([0, 0]);
  });

  it('uniform attention over a 2 × 2 grid gives the exact mean distance P·(2 + √2)/4', () => {
    // from any patch: itself (0), two neighbours (P) and the diagonal (P√2)
    const d = meanAttentionDistance(
      pattern(1, 4, () => 0.25),
      1,
      grid(2, []),
      16,
    );
    expect(d[0]).toBeCloseTo((16 * (2 + Math.SQRT2)) / 4, 12);
  });

  it('uniform over a 3 × 3 grid: the mean of all pairwise centre distances, counted by hand', () => {
    // 81 ordered pairs: 9 at 0, 24 at 1, 16 at √2, 12 at 2, 16 at √5, 4 at √8
    const want = (24 * 1 + 16 * Math.SQRT2 + 12 * 2 + 16 * Math.sqrt(5) + 4 * Math.sqrt(8)) / 81;
    // [CLS] takes weight away, but only patch keys count (renormalised)
    const d = meanAttentionDistance(
      pattern(1, 10, (_, j) => (j === 0 ? 0.5 : 0.5 / 9)),
      1,
      grid(3),
      1,
    );
    expect(d[0]).toBeCloseTo(want, 12);
  });

  it('a head that attends one patch to the right measures one patch width, and averages over images', () => {
    const g = 3;
    const right = pattern(1, 9, (i, j) => (j === (i % g < g - 1 ? i + 1 : i - 1) ? 1 : 0));
    expect(meanAttentionDistance(right, 1, grid(g, []), 8)[0]).toBeCloseTo(8, 12);
    expect(() => meanAttentionDistance(right, 1, grid(g), 8)).toThrow(/not \[1, 10, 10\]/);
    const avg = averageDistances([[Float64Array.of(1, 3)], [Float64Array.of(3, 5)]]);
    expect(Array.from(avg[0]!)).toEqual([2, 4]);
  });

  it('says in a sentence what the layout rules out, instead of throwing', () => {
    expect(attentionDistanceRuledOut(grid(6, [...CLS, { kind: 'dist', name: '[DIST]' }]), 38)).toBeNull();
    expect(attentionDistanceRuledOut(grid(6), 38)).toMatch(/covers 38 tokens but the model's layout has 37/);
    expect(attentionDistanceRuledOut(makeTokenLayout([], 1, 1), 1)).toMatch(/not patches on a grid/);
  });

  it('equals the pairwise definition to the last bit on a 3 × 5 grid behind [CLS] and [DIST], any weights', () => {
    const layout = makeTokenLayout([...CLS, { kind: 'dist', name: '[DIST]' }], 3, 5);
    const [T, N, h, P] = [17, 15, 3, 14];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const attn = pattern(h, T, () => random());
    // the definition, spelled out: each pair's centre distance, in key order
    const want = Array.from({ length: h }, (_, k) => {
      let total = 0;
      for (let i = 0; i < N; i++) {
        let weighted = 0;
        let mass = 0;
        for (let j = 0; j < N; j++) {
          const a = attn[k * T * T + (i + 2) * T + j + 2]!;
          weighted += a * P * Math.sqrt((Math.floor(i / 5) - Math.floor(j / 5)) ** 2 + ((i % 5) - (j % 5)) ** 2);
          mass += a;
        }
        total += weighted / mass;
      }
      return total / N;
    });
    expect(Array.from(meanAttentionDistance(attn, h, layout, P))).toEqual(want);
  });
});
