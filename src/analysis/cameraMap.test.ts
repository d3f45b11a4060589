import { describe, expect, it } from 'vitest';
import { makeTokenLayout } from '../model/tokenLayout';
import { cameraMap, cameraTop, cameraViewKey, parseCameraView, type CameraView } from './cameraMap';

// [CLS] + a 2 × 1 grid: T = 3, two heads, two layers; rows written out by hand
const layout = makeTokenLayout([{ kind: 'cls', name: '[CLS]' }], 2, 1);
const noCls = makeTokenLayout([], 1, 2);
// layer 0: head 0's [CLS] row is (0.2, 0.3, 0.5), head 1's (0.6, 0.4, 0); other rows the identity
const layer0 = new Float32Array([0.2, 0.3, 0.5, 0, 1, 0, 0, 0, 1, 0.6, 0.4, 0, 0, 1, 0, 0, 0, 1]);
// layer 1: every head attends uniformly
const layer1 = new Float32Array(18).fill(1 / 3);

describe('the camera overlay map', () => {
  it('reads one head of one layer along the [CLS] row, over the patches only', () => {
    expect(Array.from(cameraMap([layer0, layer1], 2, layout, { kind: 'head', layer: 0, head: 0 }))).toEqual(
      Array.from(new Float32Array([0.3, 0.5])),
    );
    expect(Array.from(cameraMap([layer0, layer1], 2, layout, { kind: 'head', layer: 0, head: 1 }))).toEqual(
      Array.from(new Float32Array([0.4, 0])),
    );
  });

  it('the mean of heads is the mean of the heads’ rows', () => {
    const m = cameraMap([layer0, layer1], 2, layout, { kind: 'mean', layer: 0 });
    expect(m[0]).toBeCloseTo((0.3 + 0.4) / 2, 6);
    expect(m[1]).toBeCloseTo((0.5 + 0) / 2, 6);
  });

  it('rollout over all layers: (A₁ + I)/2 · (mean A₀ + I)/2, [CLS] row, by hand', () => {
    // Â0 [CLS] row: ((0.4+1)/2, 0.35/2, 0.25/2) = (0.7, 0.175, 0.125); patch rows are the identity
    // Â1 = (1/3 + I)/2 row-wise: diagonal 2/3, off-diagonal 1/6
    // rollout row = Â1[0] · Â0: column 1 = 2/3·0.175 + 1/6·1 + 1/6·0, column 2 = 2/3·0.125 + 1/6·0 + 1/6·1
    const r = cameraMap([layer0, layer1], 2, layout, { kind: 'rollout' });
    expect(r[0]).toBeCloseTo((2 / 3) * 0.175 + 1 / 6, 6);
    expect(r[1]).toBeCloseTo((2 / 3) * 0.125 + 1 / 6, 6);
  });

  it('without [CLS], the mean row', () => {
    const a = new Float32Array([0.9, 0.1, 0.3, 0.7]);
    expect(Array.from(cameraMap([a], 1, noCls, { kind: 'head', layer: 0, head: 0 }))).toEqual(
      Array.from(new Float32Array([0.6, 0.4])),
    );
  });

  it('rejects a layer or head the model does not have', () => {
    expect(() => cameraMap([layer0], 2, layout, { kind: 'mean', layer: 1 })).toThrow(RangeError);
    expect(() => cameraMap([layer0], 2, layout, { kind: 'head', layer: 0, head: 2 })).toThrow(RangeError);
  });
});

describe('the view as a select value', () => {
  it('round-trips every kind', () => {
    const views: CameraView[] = [{ kind: 'head', layer: 3, head: 1 }, { kind: 'mean', layer: 0 }, { kind: 'rollout' }];
    for (const v of views) expect(parseCameraView(cameraViewKey(v), 4, 2)).toEqual(v);
  });

  it('rejects values outside the model or malformed', () => {
    for (const bad of ['head:4:0', 'head:0:2', 'mean:-1', 'mean:1.5', 'head:0', 'rollout:1', 'x', '', 'mean:1e0'])
      expect(parseCameraView(bad, 4, 2), bad).toBeNull();
  });
});

describe('the camera prediction', () => {
  it('is the top 3 of the softmax of the logits, most probable first', () => {
    const top = cameraTop(new Float32Array([0, Math.log(3), Math.log(2), Math.log(4)]), ['a', 'b', 'c', 'd'])!;
    expect(top.map((c) => c.label)).toEqual(['d', 'b', 'c']);
    expect(top[0]!.probability).toBeCloseTo(0.4, 6);
    expect(top[2]!.probability).toBeCloseTo(0.2, 6);
    expect(cameraTop(null, [])).toBeNull();
  });
});
