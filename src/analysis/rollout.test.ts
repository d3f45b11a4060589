import { makeTokenLayout } from '../model/tokenLayout';
import { describe, expect, it } from 'vitest';
import { attentionRollout, discardLowest, fuseHeads, imageRow, rolloutImageRow, withResidual } from './rollout';
import { seededRandom } from '../model/seededRandom';

/** Random row-stochastic attention [h, T, T]. */
function randomAttention(h: number, T: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const a = new Float32Array(h * T * T).map(() => random() + 0.01);
  for (let r = 0; r < h * T; r++) {
    const row = a.subarray(r * T, (r + 1) * T);
    const s = row.reduce((x, y) => x + y, 0);
    row.forEach((v, i) => (row[i] = v / s));
  }
  return a;
}

describe('attention rollout', () => {
  const h = 3;
  const T = 4;
  const layers = [1, 2, 3].map((s) => randomAttention(h, T, s));

  it('equals the brute-force sum over paths of the residual-added, renormalised head means', () => {
    // independent: each Â written out element by element, then R[i][j] = Σ_{a,b} Â2[i][b]·Â1[b][a]·Â0[a][j]
    const hat = layers.map((attn) =>
      Array.from({ length: T }, (_, i) => {
        const row = Array.from({ length: T }, (_, j) => {
          let m = 0;
          for (let k = 0; k < h; k++) m += attn[k * T * T + i * T + j]! / h;
          return (m + (i === j ? 1 : 0)) / 2;
        });
        const s = row.reduce((x, y) => x + y, 0);
        return row.map((v) => v / s);
      }),
    );
    const rollout = attentionRollout(layers, h, T, { fusion: 'mean', discardRatio: 0, upToLayer: 2 });
    for (let i = 0; i < T; i++)
      for (let j = 0; j < T; j++) {
        let want = 0;
        for (let a = 0; a < T; a++) for (let b = 0; b < T; b++) want += hat[2]![i]![b]! * hat[1]![b]![a]! * hat[0]![a]![j]!;
        expect(rollout[i * T + j]).toBeCloseTo(want, 12);
      }
  });

  it('up to layer 0 is the first layer alone; every row stays a distribution', () => {
    const first = attentionRollout(layers, h, T, { fusion: 'max', discardRatio: 0, upToLayer: 0 });
    expect(Array.from(first)).toEqual(Array.from(withResidual(fuseHeads(layers[0]!, h, T, 'max'), T)));
    const all = attentionRollout(layers, h, T, { fusion: 'min', discardRatio: 0.5, upToLayer: 2 });
    for (let i = 0; i < T; i++) expect(all.subarray(i * T, (i + 1) * T).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('identity attention rolls out to the identity', () => {
    const eye = new Float32Array(2 * T * T);
    for (let k = 0; k < 2; k++) for (let i = 0; i < T; i++) eye[k * T * T + i * T + i] = 1;
    const r = attentionRollout([eye, eye], 2, T, { fusion: 'mean', discardRatio: 0.9, upToLayer: 1 });
    for (let i = 0; i < T; i++) for (let j = 0; j < T; j++) expect(r[i * T + j]).toBeCloseTo(i === j ? 1 : 0, 12);
  });

  it('fuses heads by mean, max and min; discards the smallest entries but never [CLS]→[CLS]', () => {
    const two = new Float32Array([0.1, 0.9, 0.5, 0.5, 0.3, 0.7, 0.2, 0.8]);
    expect(Array.from(fuseHeads(two, 2, 2, 'max'))).toEqual([0.3, 0.9, 0.5, 0.8].map(Math.fround));
    expect(Array.from(fuseHeads(two, 2, 2, 'min'))).toEqual([0.1, 0.7, 0.2, 0.5].map(Math.fround));
    const m = new Float64Array([0.01, 0.5, 0.2, 0.3]);
    discardLowest(m, 0.5);
    expect(Array.from(m)).toEqual([0.01, 0.5, 0, 0.3]);
  });

  it('reads the [CLS] row over patches, or the mean row without [CLS]', () => {
    const m = [0.1, 0.2, 0.7, 0.3, 0.3, 0.4, 0.5, 0.25, 0.25];
    expect(Array.from(imageRow(m, makeTokenLayout([{ kind: 'cls', name: '[CLS]' }], 1, 2)))).toEqual([0.2, 0.7].map(Math.fround));
    imageRow(m, makeTokenLayout([], 1, 3)).forEach((v, j) => expect(v).toBeCloseTo([0.3, 0.25, 0.45][j]!, 6));
    expect(() => attentionRollout(layers, h, T, { fusion: 'mean', discardRatio: 0, upToLayer: 3 })).toThrow(/outside/);
  });
});

describe('the rollout row without the full product', () => {
  it('equals the [CLS] row and the mean row of the full rollout', () => {
    const h = 2;
    const T = 5;
    const layers = [4, 5, 6].map((s) => randomAttention(h, T, s));
    for (const layout of [makeTokenLayout([{ kind: 'cls', name: '[CLS]' }], 2, 2), makeTokenLayout([], 1, 5)]) {
      for (const options of [
        { fusion: 'mean' as const, discardRatio: 0, upToLayer: 2 },
        { fusion: 'max' as const, discardRatio: 0.6, upToLayer: 1 },
      ]) {
        const want = imageRow(attentionRollout(layers, h, T, options), layout);
        rolloutImageRow(layers, h, layout, options).forEach((v, j) => expect(v).toBeCloseTo(want[j]!, 6));
      }
    }
  });
});
