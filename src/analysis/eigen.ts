/**
 * Eigenpairs of symmetric matrices for PCA (pca.ts): the exact decomposition (Householder
 * tridiagonalisation and implicit QL, as in JAMA and EISPACK) and, for large matrices, the top few
 * by Lanczos.
 */

/**
 * Eigen-decomposition of a symmetric n × n matrix (row-major): Householder reduction to tridiagonal
 * form, then the implicit QL algorithm (tred2/tql2, as in JAMA and EISPACK), O(n³). Values come
 * out descending; `vectors` holds the matching unit eigenvectors as columns.
 */
export function symmetricEigen(m: Float64Array, n: number): { values: number[]; vectors: Float64Array } {
  const V = m.slice();
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tridiagonalise(V, d, e, n);
  diagonalise(V, d, e, n);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => d[b]! - d[a]!);
  const vectors = new Float64Array(n * n);
  order.forEach((from, to) => {
    for (let k = 0; k < n; k++) vectors[k * n + to] = V[k * n + from]!;
  });
  return { values: order.map((i) => d[i]!), vectors };
}

function tridiagonalise(V: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) d[j] = V[(n - 1) * n + j]!;
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]!);
    if (scale === 0) {
      e[i] = d[i - 1]!;
      for (let j = 0; j < i; j++) {
        d[j] = V[(i - 1) * n + j]!;
        V[i * n + j] = 0;
        V[j * n + i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k]! /= scale;
        h += d[k]! * d[k]!;
      }
      let f = d[i - 1]!;
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        V[j * n + i] = f;
        g = e[j]! + V[j * n + j]! * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += V[k * n + j]! * d[k]!;
          e[k]! += V[k * n + j]! * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j]! /= h;
        f += e[j]! * d[j]!;
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j]! -= hh * d[j]!;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        g = e[j]!;
        for (let k = j; k <= i - 1; k++) V[k * n + j]! -= f * e[k]! + g * d[k]!;
        d[j] = V[(i - 1) * n + j]!;
        V[i * n + j] = 0;
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    V[(n - 1) * n + i] = V[i * n + i]!;
    V[i * n + i] = 1;
    const h = d[i + 1]!;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V[k * n + i + 1]! / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += V[k * n + i + 1]! * V[k * n + j]!;
        for (let k = 0; k <= i; k++) V[k * n + j]! -= g * d[k]!;
      }
    }
    for (let k = 0; k <= i; k++) V[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = V[(n - 1) * n + j]!;
    V[(n - 1) * n + j] = 0;
  }
  V[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

function diagonalise(V: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n && Math.abs(e[m]!) > eps * tst1) m++;
    if (m > l) {
      for (let iter = 0; iter < 100; iter++) {
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i]! -= h;
        f += h;
        p = d[m]!;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = Math.hypot(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
          for (let k = 0; k < n; k++) {
            const row = k * n;
            h = V[row + i + 1]!;
            V[row + i + 1] = s * V[row + i]! + c * h;
            V[row + i] = c * V[row + i]! - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
        if (Math.abs(e[l]!) <= eps * tst1) break;
      }
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }
}

/** Above this size the O(n³) decomposition takes seconds (ViT-B's filters: n = 768); Lanczos is used instead. */
const EXACT_UP_TO = 256;

function exactTopEigen(m: Float64Array, n: number, k: number): { vectors: Float64Array[]; values: number[] } {
  const eig = symmetricEigen(m, n);
  return {
    vectors: Array.from({ length: k }, (_, c) => Float64Array.from({ length: n }, (_, i) => eig.vectors[i * n + c]!)),
    values: eig.values.slice(0, k),
  };
}

/**
 * The top-k eigenpairs of a large symmetric matrix by Lanczos with full reorthogonalisation:
 * m = max(4k, 64) steps build an orthonormal Krylov basis Q and the small T = Qᵀ·M·Q, whose
 * eigenpairs (Ritz pairs) converge to the extreme ones of M first: to rounding for a decaying
 * spectrum (trained filters), approximately where the top eigenvalues crowd (random weights).
 */
function lanczosTopEigen(m: Float64Array, n: number, k: number): { vectors: Float64Array[]; values: number[] } {
  const steps = Math.min(n, Math.max(4 * k, 64));
  const basis: Float64Array[] = [];
  const times = (v: Float64Array) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      const row = i * n;
      for (let c = 0; c < n; c++) s += m[row + c]! * v[c]!;
      out[i] = s;
    }
    return out;
  };
  // a fixed start, so the same matrix gives the same picture every time
  let q = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + 1) + 1e-3);
  let norm = Math.sqrt(q.reduce((a, x) => a + x * x, 0));
  q = q.map((x) => x / norm);
  const products: Float64Array[] = [];
  for (let j = 0; j < steps; j++) {
    basis.push(q);
    const w = times(q);
    products.push(w.slice());
    // full reorthogonalisation against every basis vector, twice, for numerical safety
    for (let pass = 0; pass < 2; pass++)
      for (const b of basis) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += b[i]! * w[i]!;
        for (let i = 0; i < n; i++) w[i]! -= dot * b[i]!;
      }
    norm = Math.sqrt(w.reduce((a, x) => a + x * x, 0));
    if (norm < 1e-12) break;
    q = w.map((x) => x / norm);
  }
  // T = Qᵀ M Q, formed directly (tridiagonal up to rounding)
  const size = basis.length;
  const mq = products;
  const t = new Float64Array(size * size);
  for (let a = 0; a < size; a++)
    for (let b = 0; b < size; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += basis[a]![i]! * mq[b]![i]!;
      t[a * size + b] = s;
    }
  const eig = symmetricEigen(t, size);
  const vectors = Array.from({ length: Math.min(k, size) }, (_, c) => {
    const v = new Float64Array(n);
    for (let a = 0; a < size; a++) {
      const w = eig.vectors[a * size + c]!;
      for (let i = 0; i < n; i++) v[i]! += w * basis[a]![i]!;
    }
    return v;
  });
  return { vectors, values: eig.values.slice(0, vectors.length) };
}

/** The top-k eigenpairs of a symmetric n × n matrix (largest first): exact up to EXACT_UP_TO, by Lanczos above. */
export function topEigen(m: Float64Array, n: number, k: number): { vectors: Float64Array[]; values: number[] } {
  return n <= EXACT_UP_TO ? exactTopEigen(m, n, k) : lanczosTopEigen(m, n, k);
}
