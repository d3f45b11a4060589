import { describe, expect, it } from 'vitest';
import { makeTokenLayout } from '../model/tokenLayout';
import type { Matrix, VitTrace } from '../model/trace';
import { differenceOf, layoutMismatch, queryAttentionGrid, sharedDomain, stageArray, symmetricAround0 } from './compare';

const CLS = { kind: 'cls' as const, name: '[CLS]' };
const m = (shape: number[], f: (i: number) => number): Matrix => ({
  shape,
  data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => f(i)),
});

/** A trace of 2 × 2 patches + [CLS] (T = 5), 2 layers, 2 heads of width 3 (D = 6); values from `offset` */
function fakeTrace(offset: number): VitTrace {
  const T = 5;
  const layer = (l: number) => ({
    norm1: m([T, 6], (i) => offset + l + i),
    q: m([2, T, 3], (i) => offset + 100 * l + i),
    attn: m([2, T, T], (i) => (offset + l + i) / 1000),
    context: m([2, T, 3], (i) => -i),
    attnOut: m([T, 6], (i) => i),
    out: m([T, 6], (i) => 2 * i),
  });
  return {
    config: { numHeads: 2, numLayers: 2 },
    layout: makeTokenLayout([CLS], 2, 2),
    patchTokens: m([4, 6], (i) => i + offset),
    embeddings: m([T, 6], (i) => i),
    finalNorm: m([T, 6], (i) => i),
    layers: [layer(0), layer(1)],
  } as unknown as VitTrace;
}

describe('stageArray', () => {
  it('picks the array each stage is about, a head slice where the stage has heads', () => {
    const trace = fakeTrace(0);
    const scores = stageArray(trace, 'scores', 1, 1)!;
    expect([scores.rows, scores.cols, scores.signed, scores.source]).toEqual([5, 5, false, 'layers[1].attn[1]']);
    // head 1 of layer 1 starts at element 25 of the [2, 5, 5] array: (0 + 1 + 25) / 1000
    expect(scores.values[0]).toBeCloseTo(26 / 1000, 6);
    const q = stageArray(trace, 'qkv', 0, 1)!;
    expect([q.rows, q.cols, q.values[0]]).toEqual([5, 3, 15]);
    expect(stageArray(trace, 'patches', 0, 0)!.rows).toBe(4);
    expect(stageArray(trace, 'mlp', 1, 0)!.source).toBe('layers[1].out');
  });

  it('is null for a layer or head the trace does not have', () => {
    const trace = fakeTrace(0);
    expect(stageArray(trace, 'norm1', 2, 0)).toBeNull();
    expect(stageArray(trace, 'scores', 0, 2)).toBeNull();
    // stages outside the layers do not care
    expect(stageArray(trace, 'classifier', 7, 9)).not.toBeNull();
  });
});

describe('queryAttentionGrid', () => {
  it("is the query's row of one head without the prefix tokens, as the patch grid", () => {
    const trace = fakeTrace(0);
    const grid = queryAttentionGrid(trace, 1, 0, 2)!;
    expect([grid.rows, grid.cols]).toEqual([2, 2]);
    // row 2 of head 0, layer 1: elements 10…14, [CLS] (element 10) dropped
    expect(Array.from(grid.values).map((v) => Math.round(v * 1000))).toEqual([12, 13, 14, 15]);
    expect(queryAttentionGrid(trace, 0, 0, 5)).toBeNull();
    expect(queryAttentionGrid(trace, 2, 0, 0)).toBeNull();
  });
});

describe('differenceOf', () => {
  it('is B − A elementwise with its largest magnitude', () => {
    const a = stageArray(fakeTrace(0), 'patches', 0, 0)!;
    const b = stageArray(fakeTrace(3), 'patches', 0, 0)!;
    const d = differenceOf(a, b);
    expect(d.kind).toBe('ok');
    if (d.kind !== 'ok') return;
    expect(new Set(d.values)).toEqual(new Set([3]));
    expect(d.maxAbs).toBe(3);
    const back = differenceOf(b, a);
    expect(back.kind === 'ok' && back.values[7]).toBe(-3);
  });

  it('refuses arrays of different shapes and says which', () => {
    const a = stageArray(fakeTrace(0), 'qkv', 0, 0)!; // [5, 3]
    const b = stageArray(fakeTrace(0), 'norm1', 0, 0)!; // [5, 6]
    expect(differenceOf(a, b)).toEqual({ kind: 'mismatch', reason: '[5, 3] ≠ [5, 6]' });
  });
});

describe('colour domains', () => {
  it('share one range across both sides: from 0 for weights, symmetric for signed values', () => {
    const a = { source: '', rows: 1, cols: 2, signed: true, values: Float32Array.of(-2, 1) };
    const b = { source: '', rows: 1, cols: 2, signed: true, values: Float32Array.of(0.5, 3) };
    expect(sharedDomain([a, b], true)).toEqual([-3, 3]);
    expect(
      sharedDomain(
        [
          { ...a, values: Float32Array.of(0.1, 0.2) },
          { ...b, values: Float32Array.of(0.4, 0) },
        ],
        false,
      ),
    ).toEqual([0, expect.closeTo(0.4, 6)]);
    expect(symmetricAround0(0.25)).toEqual([-0.25, 0.25]);
    const zero = symmetricAround0(0);
    expect(zero[0]).toBe(-zero[1]);
    expect(zero[1]).toBeGreaterThan(0);
  });
});

describe('layoutMismatch', () => {
  it('accepts the same prefix and grid, and names the first difference otherwise', () => {
    expect(layoutMismatch(makeTokenLayout([CLS], 8, 8), makeTokenLayout([CLS], 8, 8))).toBeNull();
    expect(layoutMismatch(makeTokenLayout([CLS], 8, 8), makeTokenLayout([CLS], 14, 14))).toBe('grid 14 × 14 ≠ 8 × 8');
    expect(layoutMismatch(makeTokenLayout([CLS], 8, 8), makeTokenLayout([], 8, 8))).toBe('prefix — ≠ [CLS]');
  });
});
