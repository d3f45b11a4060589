/**
 * Principal component analysis of the rows of a matrix, by the top eigenpairs (eigen.ts) of the
 * smaller of the covariance (cols × cols) and the Gram matrix (rows × rows), which share their
 * non-zero eigenvalues.
 */

import { dot4, dot4Sums, fourRows } from './dot4';
import { topEigen } from './eigen';

export interface Pca {
  /** k components, each of length cols, unit norm */
  components: Float64Array[];
  /** the variance along each component */
  variances: number[];
  /** the total variance (trace of the covariance): variances[i] / total is the explained share */
  totalVariance: number;
  /** the mean row */
  mean: Float64Array;
}

/** The top-k principal components of `rows` × `cols` data (row-major). */
export function pca(data: ArrayLike<number>, rows: number, cols: number, k: number): Pca {
  k = Math.min(k, rows, cols);
  const mean = new Float64Array(cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) mean[c]! += data[r * cols + c]! / rows;
  const x = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) x[r * cols + c] = data[r * cols + c]! - mean[c]!;
  const denom = Math.max(1, rows - 1);
  // the smaller symmetric matrix: covariance XᵀX or Gram XXᵀ (same non-zero eigenvalues)
  const gram = rows < cols;
  const n = gram ? rows : cols;
  const m = new Float64Array(n * n);
  if (gram) {
    for (let i = 0; i < rows; i++)
      for (let j = i; j < rows; j++) {
        let s = 0;
        for (let c = 0; c < cols; c++) s += x[i * cols + c]! * x[j * cols + c]!;
        m[i * n + j] = m[j * n + i] = s / denom;
      }
  } else {
    // XᵀX as dot products of X's columns, each column contiguous (Xᵀ), four at a time sharing column i's
    // loads (dot4.ts), divided once at the end: ViT-B's 768 filters took 0.5 s as row-by-row updates of all of m
    const xT = new Float64Array(cols * rows);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) xT[c * rows + r] = x[r * cols + c]!;
    for (let i = 0; i < cols; i++) {
      for (let j = i; j < cols; j += 4) {
        const [b0, b1, b2, b3] = fourRows(j, cols, rows);
        dot4(xT, i * rows, xT, b0, b1, b2, b3, rows, 0);
        for (let k = 0; k < 4 && j + k < cols; k++) m[i * n + j + k] = m[(j + k) * n + i] = dot4Sums[k]! / denom;
      }
    }
  }
  let totalVariance = 0;
  for (let i = 0; i < n; i++) totalVariance += m[i * n + i]!;

  const { vectors, values } = topEigen(m, n, k);
  const components = gram
    ? vectors.map((u) => {
        // component = Xᵀu / ‖Xᵀu‖
        const w = new Float64Array(cols);
        for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) w[c]! += x[r * cols + c]! * u[r]!;
        const norm = Math.sqrt(w.reduce((s, v) => s + v * v, 0)) || 1;
        return w.map((v) => v / norm);
      })
    : vectors;
  return { components, variances: values.map((v) => Math.max(0, v)), totalVariance, mean };
}

/** Each row's coordinates along the components: [rows, k]. */
export function project(data: ArrayLike<number>, rows: number, cols: number, p: Pca): Float64Array {
  const k = p.components.length;
  const out = new Float64Array(rows * k);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < k; c++) {
      let s = 0;
      const comp = p.components[c]!;
      for (let j = 0; j < cols; j++) s += (data[r * cols + j]! - p.mean[j]!) * comp[j]!;
      out[r * k + c] = s;
    }
  return out;
}
