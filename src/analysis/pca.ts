/**
 * Principal component analysis of the rows of a matrix, by subspace iteration on the smaller of
 * the covariance (cols × cols) and the Gram matrix (rows × rows), then Rayleigh–Ritz so the
 * components come out in order. Exact enough for pictures and for the tests' known components.
 */

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

/** Eigen-decomposition of a small symmetric matrix (Jacobi rotations): values descending, vectors as columns of `vectors`. */
export function symmetricEigen(m: Float64Array, n: number): { values: number[]; vectors: Float64Array } {
  const a = m.slice();
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[y * n + y]! - a[x * n + x]!);
  const vectors = new Float64Array(n * n);
  order.forEach((from, to) => {
    for (let k = 0; k < n; k++) vectors[k * n + to] = v[k * n + from]!;
  });
  return { values: order.map((i) => a[i * n + i]!), vectors };
}

/** Orthonormalises the columns (each of length n) in place; a column that vanishes is replaced by a fresh direction. */
function orthonormalise(cols: Float64Array[], n: number): void {
  let fresh = 0;
  for (let c = 0; c < cols.length; c++) {
    const v = cols[c]!;
    for (let attempt = 0; ; attempt++) {
      let before = 0;
      for (let i = 0; i < n; i++) before += v[i]! ** 2;
      before = Math.sqrt(before);
      for (let pass = 0; pass < 2; pass++) {
        for (let p = 0; p < c; p++) {
          const u = cols[p]!;
          let dot = 0;
          for (let i = 0; i < n; i++) dot += u[i]! * v[i]!;
          for (let i = 0; i < n; i++) v[i]! -= dot * u[i]!;
        }
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += v[i]! ** 2;
      norm = Math.sqrt(norm);
      if ((before > 0 && norm > 1e-9 * before) || attempt >= n) {
        for (let i = 0; i < n; i++) v[i]! /= norm || 1;
        break;
      }
      v.fill(0);
      v[fresh++ % n] = 1;
    }
  }
}

/** The top-k principal components of `rows` × `cols` data (row-major). */
export function pca(data: ArrayLike<number>, rows: number, cols: number, k: number, iterations = 300): Pca {
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
    for (let r = 0; r < rows; r++) {
      const row = r * cols;
      for (let i = 0; i < cols; i++) {
        const xi = x[row + i]!;
        if (xi === 0) continue;
        for (let j = i; j < cols; j++) m[i * n + j]! += (xi * x[row + j]!) / denom;
      }
    }
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) m[i * n + j] = m[j * n + i]!;
  }
  let totalVariance = 0;
  for (let i = 0; i < n; i++) totalVariance += m[i * n + i]!;

  let vectors: Float64Array[];
  let values: number[];
  if (n <= 64) {
    const eig = symmetricEigen(m, n);
    vectors = Array.from({ length: k }, (_, c) => Float64Array.from({ length: n }, (_, i) => eig.vectors[i * n + c]!));
    values = eig.values.slice(0, k);
  } else {
    ({ vectors, values } = subspaceIteration(m, n, k, iterations));
  }
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

function subspaceIteration(
  m: Float64Array,
  n: number,
  k: number,
  iterations: number,
): { vectors: Float64Array[]; values: number[] } {
  const width = Math.min(n, k + 8);
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5;
  let basis = Array.from({ length: width }, () => Float64Array.from({ length: n }, random));
  orthonormalise(basis, n);
  const apply = (v: Float64Array) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += m[i * n + j]! * v[j]!;
      out[i] = s;
    }
    return out;
  };
  for (let it = 0; it < iterations; it++) {
    const next = basis.map(apply);
    orthonormalise(next, n);
    let change = 0;
    for (let c = 0; c < k; c++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += next[c]![i]! * basis[c]![i]!;
      change = Math.max(change, 1 - Math.abs(dot));
    }
    basis = next;
    if (change < 1e-10) break;
  }
  // Rayleigh–Ritz: diagonalise the small projected matrix, so vectors and values are in order
  const applied = basis.map(apply);
  const small = new Float64Array(width * width);
  for (let a = 0; a < width; a++)
    for (let b = 0; b < width; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += basis[a]![i]! * applied[b]![i]!;
      small[a * width + b] = s;
    }
  const eig = symmetricEigen(small, width);
  const vectors = Array.from({ length: k }, (_, c) => {
    const v = new Float64Array(n);
    for (let a = 0; a < width; a++) {
      const w = eig.vectors[a * width + c]!;
      for (let i = 0; i < n; i++) v[i]! += w * basis[a]![i]!;
    }
    return v;
  });
  return { vectors, values: eig.values.slice(0, k) };
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
