import { describe, expect, it } from 'vitest';
import {
  entropyBits,
  headRow,
  impliedPositionEmbeddings,
  meanHeadsRow,
  patchPart,
  rescaledHeadMap,
  symmetricDomain,
  topIndices,
} from './rows';
import { makeTokenLayout } from '../model/tokenLayout';
import { softmax as softmaxScaled } from './softmax';

const CLS = [{ kind: 'cls' as const, name: '[CLS]' }];

const m = (data: number[], shape: number[]) => ({ data: Float32Array.from(data), shape });

describe('rows of the trace', () => {
  // h = 2, T = 3
  const attn = m([0.2, 0.3, 0.5, 0.1, 0.1, 0.8, 1, 0, 0, 0.6, 0.2, 0.2, 0.3, 0.3, 0.4, 0, 1, 0], [2, 3, 3]);

  it('reads one head row and the mean over heads', () => {
    expect(Array.from(headRow(attn, 1, 2))).toEqual([0, 1, 0].map(Math.fround));
    expect(Array.from(meanHeadsRow(attn, 0)).map((v) => +v.toFixed(6))).toEqual([0.4, 0.25, 0.35]);
  });

  it('drops the [CLS] column for the patch grid', () => {
    expect(Array.from(patchPart(Float32Array.from([9, 1, 2]), makeTokenLayout(CLS, 1, 2)))).toEqual([1, 2]);
    expect(Array.from(patchPart(Float32Array.from([9, 1, 2]), makeTokenLayout([], 1, 3)))).toEqual([9, 1, 2]);
    expect(() => patchPart(Float32Array.from([9, 1, 2]), makeTokenLayout(CLS, 2, 2))).toThrow(
      /has 3 tokens; the layout \(\[CLS\], 2 × 2 patches\) has 5/,
    );
  });

  it('rescales softmax: a large factor is near one-hot, zero is uniform', () => {
    const scores = [1, 2, 3];
    const p = softmaxScaled(scores, 1);
    const e = [Math.exp(-2), Math.exp(-1), 1];
    const s = e.reduce((a, b) => a + b);
    p.forEach((v, i) => expect(v).toBeCloseTo(e[i]! / s, 12));
    expect(softmaxScaled(scores, 0)).toEqual(Float64Array.from([1 / 3, 1 / 3, 1 / 3]));
    expect(softmaxScaled(scores, 100)[2]).toBeGreaterThan(0.999999);
    expect(entropyBits([1, 0, 0])).toBe(0);
    expect(entropyBits([0.25, 0.25, 0.25, 0.25])).toBe(2);
  });

  it('recomputes a head map from its scores', () => {
    const scores = m([0, 0, 0, 0, 5, 0, 1, 2, 3], [1, 3, 3]);
    const map = rescaledHeadMap(scores, 0, 1);
    expect(map[0]).toBeCloseTo(1 / 3, 6);
    expect(map.subarray(6, 9).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('ranks, bounds and derives', () => {
    expect(topIndices([0.1, 0.7, 0.2], 2)).toEqual([1, 2]);
    expect(symmetricDomain([-0.5, 2])).toEqual([-2, 2]);
    const pos = impliedPositionEmbeddings(m([9, 9, 3, 4, 5, 6], [3, 2]), m([1, 1, 2, 2], [2, 2]), makeTokenLayout(CLS, 1, 2));
    expect(Array.from(pos)).toEqual([2, 3, 3, 4]);
  });
});
