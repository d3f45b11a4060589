import { makeTokenLayout } from '../model/tokenLayout';
import { describe, expect, it } from 'vitest';
import { featureRgb, featureRgbOfRows, highNormTokens, median, copyPatchRows, rowNorms } from './tokenFeatures';

describe('token norms and feature PCA', () => {
  it('measures each token, and flags the ones far above the median', () => {
    const x = [3, 4, 0, 1, 1, 0, 0, 30, 0, 2];
    const norms = rowNorms(x, 5, 2);
    expect(Array.from(norms)).toEqual([5, 1, 1, 30, 2]);
    expect(median(norms)).toBe(2);
    expect(highNormTokens(norms, 2)).toEqual([
      { token: 3, ratio: 15 },
      { token: 0, ratio: 2.5 },
    ]);
  });

  it('colours patches by their first principal components, scaled to 0…1', () => {
    // patches (rows 1…4) vary along dimension 0 only; row 0 ([CLS]) is left out
    const x = [99, 99, 0, 1, 1, 1, 2, 1, 3, 1];
    const { rgb, explained } = featureRgb(x, makeTokenLayout([{ kind: 'cls', name: '[CLS]' }], 2, 2), 2);
    const red = [0, 1, 2, 3].map((i) => rgb[i * 3]!);
    // one direction, either sign: evenly spaced from 0 to 1
    const up = red[0]! < red[3]! ? red : red.reverse();
    up.forEach((v, i) => expect(v).toBeCloseTo(i / 3, 6));
    expect(explained[0]).toBeCloseTo(1, 9);
  });

  it('takes the patch rows alone (registers and [CLS] left out), and colours them the same from the rows as from the layer', () => {
    const layout = makeTokenLayout(
      [
        { kind: 'cls', name: '[CLS]' },
        { kind: 'reg', name: '[REG]' },
      ],
      2,
      2,
    );
    const x = Float32Array.from({ length: 6 * 3 }, (_, i) => Math.sin(i * 1.7) * (i + 1));
    const rows = copyPatchRows(x, layout, 3);
    expect(Array.from(rows)).toEqual(Array.from(x.subarray(6)));
    rows[0] = 1e9;
    expect(x[6]).not.toBe(1e9);
    expect(featureRgbOfRows(copyPatchRows(x, layout, 3), 4, 3)).toEqual(featureRgb(x, layout, 3));
  });
});
