import { makeTokenLayout } from '../model/tokenLayout';
import { describe, expect, it } from 'vitest';
import { gradientImageRow, gradientRollout, gradientWeightedAttention } from './classMap';
import { imageRow } from './rollout';
import { seededRandom } from '../model/seededRandom';

describe('gradient-weighted rollout (Chefer et al. 2021)', () => {
  const h = 2;
  const T = 3;
  const random = seededRandom(5);
  const attention = [0, 1].map(() => Float32Array.from({ length: h * T * T }, () => random()));
  const gradients = [0, 1].map(() => Float32Array.from({ length: h * T * T }, () => random() - 0.5));

  it('keeps only the positive part of attention × gradient, averaged over heads', () => {
    const m = gradientWeightedAttention([1, 2, 3, 4, 5, 6, 7, 8], [1, -1, 0, 1, -1, 1, 1, 1], 2, 2);
    // head 0: [1, 0, 0, 4]; head 1: [0, 6, 7, 8] → mean
    expect(Array.from(m)).toEqual([0.5, 3, 3.5, 6]);
  });

  it('equals (I + Ā1)(I + Ā0) multiplied out by hand', () => {
    const bar = attention.map((a, l) => {
      const out: number[][] = [];
      for (let i = 0; i < T; i++) {
        out.push([]);
        for (let j = 0; j < T; j++) {
          let s = 0;
          for (let k = 0; k < h; k++) s += Math.max(0, a[k * T * T + i * T + j]! * gradients[l]![k * T * T + i * T + j]!) / h;
          out[i]!.push(s + (i === j ? 1 : 0));
        }
      }
      return out;
    });
    const r = gradientRollout(attention, gradients, h, T);
    for (let i = 0; i < T; i++)
      for (let j = 0; j < T; j++) {
        let want = 0;
        for (let m = 0; m < T; m++) want += bar[1]![i]![m]! * bar[0]![m]![j]!;
        expect(r[i * T + j]).toBeCloseTo(want, 6);
      }
  });

  it('zero gradients leave the identity: no patch is relevant', () => {
    const zero = [new Float32Array(h * T * T)];
    const r = gradientRollout([attention[0]!], zero, h, T);
    expect(Array.from(r)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });
});

describe('the relevance row without the full product', () => {
  it('equals the [CLS] row and the mean row of the full relevance', () => {
    const random = seededRandom(8);
    const h = 2;
    const T = 4;
    const attention = [0, 1, 2].map(() => Float32Array.from({ length: h * T * T }, () => random()));
    const gradients = [0, 1, 2].map(() => Float32Array.from({ length: h * T * T }, () => random() - 0.4));
    const full = gradientRollout(attention, gradients, h, T);
    for (const layout of [makeTokenLayout([{ kind: 'cls', name: '[CLS]' }], 1, 3), makeTokenLayout([], 2, 2)]) {
      const want = imageRow(full, layout);
      gradientImageRow(attention, gradients, h, layout).forEach((v, j) => expect(v).toBeCloseTo(want[j]!, 6));
    }
  });
});
