import { describe, expect, it } from 'vitest';
import { pca, project } from './pca';
import { symmetricEigen } from './eigen';
import { filterComponents } from './patchFilters';
import { seededNormal } from '../model/seededRandom';

/** Points ±a·u1, ±b·u2, ±c·u3 around a centre: the covariance's eigenvectors are u1…u3 with known variances. */
function knownData(dim: number) {
  // an orthonormal basis: rotated unit vectors built from a fixed random matrix by Gram–Schmidt
  const normal = seededNormal(3);
  const basis: number[][] = [];
  while (basis.length < 3) {
    const v = Array.from({ length: dim }, normal);
    for (const u of basis) {
      const dot = u.reduce((s, x, i) => s + x * v[i]!, 0);
      v.forEach((_, i) => (v[i]! -= dot * u[i]!));
    }
    const n = Math.hypot(...v);
    basis.push(v.map((x) => x / n));
  }
  const scales = [5, 3, 1];
  const centre = Array.from({ length: dim }, (_, i) => i * 0.1);
  const rows: number[] = [];
  for (let k = 0; k < 3; k++)
    for (const sign of [1, -1]) rows.push(...centre.map((c, i) => c + sign * scales[k]! * basis[k]![i]!));
  // 6 points: variance along u_k is 2·s_k² / (6 − 1)
  return { rows, basis, variances: scales.map((s) => (2 * s * s) / 5) };
}

function expectParallel(a: ArrayLike<number>, b: ArrayLike<number>) {
  let dot = 0;
  for (let i = 0; i < b.length; i++) dot += a[i]! * b[i]!;
  expect(Math.abs(dot)).toBeCloseTo(1, 8);
}

describe('PCA', () => {
  for (const dim of [5, 100]) {
    it(`finds known components and their variances (width ${dim}, ${dim < 6 ? 'covariance' : 'Gram'} route)`, () => {
      const { rows, basis, variances } = knownData(dim);
      const p = pca(rows, 6, dim, 3);
      p.components.forEach((c, k) => expectParallel(c, basis[k]!));
      p.variances.forEach((v, k) => expect(v).toBeCloseTo(variances[k]!, 8));
      expect(p.totalVariance).toBeCloseTo(
        variances.reduce((a, b) => a + b, 0),
        8,
      );
      const coords = project(rows, 6, dim, p);
      expect(Math.abs(coords[0]!)).toBeCloseTo(5, 8); // the first point sits at 5 along u1
    });
  }

  it('decomposes a large covariance exactly: C·v = λ·v, orthonormal vectors, values descending', () => {
    const normal = seededNormal(9);
    const rows = 200;
    const cols = 80;
    const data = Array.from({ length: rows * cols }, (_, i) => normal() * (1 + (i % cols) / 10));
    const p = pca(data, rows, cols, 5);
    // the covariance, computed independently
    const mean = Array.from({ length: cols }, (_, c) => data.filter((_, i) => i % cols === c).reduce((a, b) => a + b, 0) / rows);
    const cov = new Float64Array(cols * cols);
    for (let r = 0; r < rows; r++)
      for (let i = 0; i < cols; i++)
        for (let j = 0; j < cols; j++)
          cov[i * cols + j]! += ((data[r * cols + i]! - mean[i]!) * (data[r * cols + j]! - mean[j]!)) / (rows - 1);
    p.components.forEach((v, k) => {
      for (let i = 0; i < cols; i++) {
        let cv = 0;
        for (let j = 0; j < cols; j++) cv += cov[i * cols + j]! * v[j]!;
        expect(Math.abs(cv - p.variances[k]! * v[i]!)).toBeLessThan(1e-9 * p.variances[0]!);
      }
      p.components.forEach((u, l) => expect(u.reduce((s, x, i) => s + x * v[i]!, 0)).toBeCloseTo(k === l ? 1 : 0, 10));
      if (k > 0) expect(p.variances[k]).toBeLessThanOrEqual(p.variances[k - 1]!);
    });
    expect(p.totalVariance).toBeCloseTo(
      Array.from({ length: cols }, (_, i) => cov[i * cols + i]!).reduce((a, b) => a + b, 0),
      8,
    );
    // the full spectrum sums to the trace
    const eig = symmetricEigen(cov, cols);
    expect(eig.values.reduce((a, b) => a + b, 0)).toBeCloseTo(p.totalVariance, 8);
  });

  it('draws filter components as RGB patches, with explained shares that sum to at most 1', () => {
    const normal = seededNormal(4);
    const filters = Array.from({ length: 20 * 3 * 4 * 4 }, normal);
    const f = filterComponents(filters, 20, 3, 4, 6);
    expect(f.images).toHaveLength(6);
    expect(f.images[0]!.length).toBe(4 * 4 * 4);
    expect(f.explained.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-9);
    expect(f.explained[0]).toBeGreaterThanOrEqual(f.explained[5]!);
  });
});

describe('PCA of a large matrix (Lanczos)', () => {
  it('finds the leading components of a decaying spectrum as the exact decomposition does', () => {
    const normal = seededNormal(21);
    const rows = 320;
    const cols = 300; // above the exact limit: the Lanczos route
    const data = Array.from({ length: rows * cols }, (_, i) => normal() * Math.exp(-(i % cols) / 30));
    const p = pca(data, rows, cols, 8);
    const mean = Array.from({ length: cols }, (_, c) => {
      let s = 0;
      for (let r = 0; r < rows; r++) s += data[r * cols + c]!;
      return s / rows;
    });
    const cov = new Float64Array(cols * cols);
    for (let r = 0; r < rows; r++)
      for (let i = 0; i < cols; i++) {
        const xi = data[r * cols + i]! - mean[i]!;
        for (let j = 0; j < cols; j++) cov[i * cols + j]! += (xi * (data[r * cols + j]! - mean[j]!)) / (rows - 1);
      }
    const eig = symmetricEigen(cov, cols);
    for (let k = 0; k < 8; k++) {
      expect(Math.abs(p.variances[k]! - eig.values[k]!) / eig.values[0]!).toBeLessThan(1e-8);
      expectParallel(
        p.components[k]!,
        Array.from({ length: cols }, (_, i) => eig.vectors[i * cols + k]!),
      );
    }
  });
});
