import { describe, expect, it } from 'vitest';
import type { PositionInterpolation } from './config';
import { interpolatePositions } from './positionInterpolation';
import { seededRandom } from './seededRandom';
import { torchBicubic64 } from './testing/torchInterpolate64';

/** [g², D] positions → [D, g, g] for torch's layout, through the test's own interpolate, back to [rows·cols, D]. */
function viaTorchReference(pos: Float64Array, g: number, rows: number, cols: number, D: number, mode: PositionInterpolation) {
  const chw = new Float64Array(D * g * g);
  for (let p = 0; p < g * g; p++) for (let e = 0; e < D; e++) chw[e * g * g + p] = pos[p * D + e]!;
  const out =
    mode === 'scale-factor-offset'
      ? torchBicubic64(chw, D, g, g, { scaleFactor: [(rows + 0.1) / g, (cols + 0.1) / g] })
      : torchBicubic64(chw, D, g, g, { size: [rows, cols], antialias: mode === 'size-antialias' });
  expect([out.height, out.width]).toEqual([rows, cols]);
  const back = new Float64Array(rows * cols * D);
  for (let p = 0; p < rows * cols; p++) for (let e = 0; e < D; e++) back[p * D + e] = out.data[e * rows * cols + p]!;
  return back;
}

const modes: PositionInterpolation[] = ['size', 'scale-factor-offset', 'size-antialias'];
const resizes: [number, number, number][] = [
  [37, 16, 16], // DINOv2: 518 px learned, 224 px input
  [37, 40, 40], // larger than learned
  [16, 37, 37],
  [5, 3, 7], // not square, one axis down, one up
  [4, 6, 6],
  [7, 2, 2],
];

describe('position embeddings resized as transformers does (torch bicubic, align_corners=False)', () => {
  for (const mode of modes) {
    it.each(resizes)(`${mode}: %i² → %i × %i agrees with an independent float64 F.interpolate`, (g, rows, cols) => {
      const D = 3;
      const rand = seededRandom(g * 100 + rows);
      const pos = Float64Array.from({ length: g * g * D }, () => rand() * 2 - 1);
      const got = interpolatePositions(pos, g, rows, cols, D, mode);
      const want = viaTorchReference(pos, g, rows, cols, D, mode);
      let err = 0;
      for (let i = 0; i < want.length; i++) err = Math.max(err, Math.abs(got[i]! - want[i]!));
      expect(err).toBeLessThan(1e-12);
    });

    it(`${mode}: a constant grid stays constant, and the same size is the identity`, () => {
      const flat = interpolatePositions(new Float64Array(9 * 9 * 2).fill(0.25), 9, 4, 5, 2, mode);
      for (const v of flat) expect(v).toBeCloseTo(0.25, 12);
      const rand = seededRandom(3);
      const pos = Float64Array.from({ length: 6 * 6 * 2 }, () => rand());
      if (mode !== 'scale-factor-offset') {
        const same = interpolatePositions(pos, 6, 6, 6, 2, mode);
        same.forEach((v, i) => expect(v).toBeCloseTo(pos[i]!, 12));
      }
    });
  }

  it('the three versions give different numbers for the same resize (which one applies matters)', () => {
    const rand = seededRandom(9);
    const pos = Float64Array.from({ length: 37 * 37 }, () => rand());
    const [a, b, c] = modes.map((m) => interpolatePositions(pos, 37, 16, 16, 1, m));
    const diff = (x: Float64Array, y: Float64Array) => Math.max(...x.map((v, i) => Math.abs(v - y[i]!)));
    expect(diff(a!, b!)).toBeGreaterThan(1e-3);
    expect(diff(a!, c!)).toBeGreaterThan(1e-2);
  });

  it('refuses positions of the wrong length', () => {
    expect(() => interpolatePositions(new Float64Array(10), 3, 2, 2, 1, 'size')).toThrow(/expected 3² × 1/);
  });
});
