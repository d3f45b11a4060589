import { describe, expect, it } from 'vitest';
import { attentionDomain, headMatrix } from './attention';
import { topK } from './topK';
import type { VitTrace } from '../model/trace';

const attnOf = (values: number[], h: number, T: number) => ({ data: Float32Array.from(values), shape: [h, T, T] });

describe('attention helpers', () => {
  it('slices one head', () => {
    const attn = attnOf([1, 2, 3, 4, 5, 6, 7, 8], 2, 2);
    expect(Array.from(headMatrix(attn, 1))).toEqual([5, 6, 7, 8]);
    expect(() => headMatrix(attn, 2)).toThrow(/head 2 is outside 0…1/);
  });

  it('takes the colour domain over head, layer or model', () => {
    const trace = {
      layers: [
        { attn: attnOf([0.1, 0.9, 0.5, 0.5, 0.2, 0.3, 0.4, 0.1], 2, 2) },
        { attn: attnOf([1, 0, 0, 1, 0.5, 0.5, 0.5, 0.5], 2, 2) },
      ],
    } as unknown as VitTrace;
    expect(attentionDomain(trace, 0, 1, 'head')).toEqual([0, Math.fround(0.4)]);
    expect(attentionDomain(trace, 0, 1, 'layer')).toEqual([0, Math.fround(0.9)]);
    expect(attentionDomain(trace, 0, 1, 'model')).toEqual([0, 1]);
  });

  it('ranks classes', () => {
    expect(topK([0.1, 0.6, 0.3], ['a', 'b'], 2)).toEqual([
      { index: 1, label: 'b', probability: 0.6 },
      { index: 2, label: 'class 2', probability: 0.3 },
    ]);
  });
});
