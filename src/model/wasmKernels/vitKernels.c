/*
 * ViT Lens's own WebAssembly kernels for the tfjs wasm backend: the matrix products, attention,
 * LayerNorm and activations of a ViT, written for 128-bit SIMD with fused multiply-add
 * (relaxed SIMD). tfjs-wasm's XNNPACK build multiplies and adds separately and sends batched
 * products to a scalar loop; these kernels are what makes the full trace fast on a CPU.
 *
 * They work in place on tfjs-wasm's own memory (imported), on pointers to its tensors, so nothing is
 * copied. They must never use the C stack or static data: that memory belongs to tfjs. build.sh
 * checks the compiled module for both. Every function takes a range (of column panels, rows or
 * heads) so that threads can share the work; kernelRuntime.ts cuts it into chunks the threads claim.
 *
 * Build: bash src/model/wasmKernels/build.sh (clang ≥ 16 with lld); the result is committed.
 */
#include <wasm_simd128.h>

typedef float f4 __attribute__((vector_size(16)));
#ifdef VITLENS_NO_RELAXED
#define madd(a, b, c) wasm_f32x4_add(wasm_f32x4_mul(a, b), c)
#else
#define madd(a, b, c) ((v128_t)__builtin_wasm_relaxed_madd_f32x4((f4)(a), (f4)(b), (f4)(c)))
#endif
#define EXPORT(name) __attribute__((export_name(#name)))
#define PANEL 8
/* rows of A a tile of the dense product holds (pack_tiles) */
#define ROWS 6

enum { ACT_NONE = 0, ACT_GELU = 1, ACT_GELU_TANH = 2, ACT_RELU = 3 };

/* ---------- element-wise functions on four lanes ---------- */

/*
 * e^x: x = n·ln2 + r, |r| ≤ ln2/2, Cephes' polynomial for e^r (relative error ~1e-7), 2^n from the exponent bits.
 * n is rounded (to even) by adding 1.5·2²³, which leaves n in the float's low bits, so 2^n is two integer
 * operations on them; the clamps are pmin/pmax. Both give the numbers f32x4.nearest, trunc_sat and min/max
 * gave (NaN still passes through), with a single instruction each where V8 spent several on the others.
 */
static inline v128_t exp4(v128_t x) {
  x = wasm_f32x4_pmin(wasm_f32x4_pmax(x, wasm_f32x4_splat(-87.3f)), wasm_f32x4_splat(88.3f));
  const v128_t round = wasm_f32x4_splat(12582912.0f); /* 1.5·2²³ */
  v128_t t = wasm_f32x4_add(wasm_f32x4_mul(x, wasm_f32x4_splat(1.44269504088896341f)), round);
  v128_t n = wasm_f32x4_sub(t, round);
  v128_t r = wasm_f32x4_sub(x, wasm_f32x4_mul(n, wasm_f32x4_splat(0.693359375f)));
  r = wasm_f32x4_sub(r, wasm_f32x4_mul(n, wasm_f32x4_splat(-2.12194440e-4f)));
  v128_t p = wasm_f32x4_splat(1.9875691500e-4f);
  p = madd(p, r, wasm_f32x4_splat(1.3981999507e-3f));
  p = madd(p, r, wasm_f32x4_splat(8.3334519073e-3f));
  p = madd(p, r, wasm_f32x4_splat(4.1665795894e-2f));
  p = madd(p, r, wasm_f32x4_splat(1.6666665459e-1f));
  p = madd(p, r, wasm_f32x4_splat(5.0000001201e-1f));
  p = madd(p, wasm_f32x4_mul(r, r), wasm_f32x4_add(r, wasm_f32x4_splat(1.0f)));
  /* t's bits are those of 1.5·2²³ plus n, and 1.5·2²³'s low 9 bits are 0: (bits + 127) << 23 is (n + 127) << 23 */
  v128_t scale = wasm_i32x4_shl(wasm_i32x4_add(t, wasm_i32x4_splat(127)), 23);
  return wasm_f32x4_mul(p, scale);
}

/* erf by Abramowitz & Stegun 7.1.26 (absolute error ≤ 1.5e-7), the formula tfjs itself uses. */
static inline v128_t erf4(v128_t x) {
  v128_t z = wasm_f32x4_abs(x);
  v128_t t = wasm_f32x4_div(wasm_f32x4_splat(1.0f), madd(z, wasm_f32x4_splat(0.3275911f), wasm_f32x4_splat(1.0f)));
  v128_t p = wasm_f32x4_splat(1.061405429f);
  p = madd(p, t, wasm_f32x4_splat(-1.453152027f));
  p = madd(p, t, wasm_f32x4_splat(1.421413741f));
  p = madd(p, t, wasm_f32x4_splat(-0.284496736f));
  p = madd(p, t, wasm_f32x4_splat(0.254829592f));
  p = wasm_f32x4_mul(p, t);
  v128_t y = wasm_f32x4_sub(wasm_f32x4_splat(1.0f), wasm_f32x4_mul(p, exp4(wasm_f32x4_neg(wasm_f32x4_mul(z, z)))));
  return wasm_v128_or(y, wasm_v128_and(x, wasm_i32x4_splat((int)0x80000000))); /* erf(−x) = −erf(x) */
}

static inline v128_t activate4(v128_t x, int act) {
  const v128_t half = wasm_f32x4_splat(0.5f), one = wasm_f32x4_splat(1.0f);
  switch (act) {
    case ACT_GELU: /* 0.5·x·(1 + erf(x/√2)) */
      return wasm_f32x4_mul(wasm_f32x4_mul(x, half), wasm_f32x4_add(one, erf4(wasm_f32x4_mul(x, wasm_f32x4_splat(0.70710678118654752f)))));
    case ACT_GELU_TANH: { /* 0.5·x·(1 + tanh(u)), u = √(2/π)·(x + 0.044715·x³); tanh(u) = 1 − 2/(e^{2u} + 1) */
      v128_t u = wasm_f32x4_mul(madd(wasm_f32x4_mul(wasm_f32x4_mul(x, x), x), wasm_f32x4_splat(0.044715f), x), wasm_f32x4_splat(0.79788456080286536f));
      v128_t th = wasm_f32x4_sub(one, wasm_f32x4_div(wasm_f32x4_splat(2.0f), wasm_f32x4_add(exp4(wasm_f32x4_add(u, u)), one)));
      return wasm_f32x4_mul(wasm_f32x4_mul(x, half), wasm_f32x4_add(one, th));
    }
    case ACT_RELU:
      return wasm_f32x4_max(x, wasm_f32x4_splat(0.0f));
    default:
      return x;
  }
}

/* ---------- packing: column panels of 8, [ceil(N/8)][K][8], zero-padded ---------- */

/* B [K, N] with row stride ld → panels */
static void pack_rows(int K, int N, const float* b, int ld, float* dst, int p0, int p1) {
  for (int p = p0; p < p1; p++) {
    float* out = dst + (long)p * K * PANEL;
    int n0 = p * PANEL, width = N - n0 < PANEL ? N - n0 : PANEL;
    for (int k = 0; k < K; k++, out += PANEL) {
      const float* row = b + (long)k * ld + n0;
      if (width == PANEL) {
        wasm_v128_store(out, wasm_v128_load(row));
        wasm_v128_store(out + 4, wasm_v128_load(row + 4));
      } else {
        for (int j = 0; j < PANEL; j++) out[j] = j < width ? row[j] : 0.0f;
      }
    }
  }
}

/* Bᵀ from the rows of X [N, K] with row stride ld (B[k][n] = X[n][k]) → panels */
static void pack_transposed(int K, int N, const float* x, int ld, float* dst) {
  int panels = (N + PANEL - 1) / PANEL;
  for (int p = 0; p < panels; p++) {
    float* out = dst + (long)p * K * PANEL;
    for (int j = 0; j < PANEL; j++) {
      int n = p * PANEL + j;
      if (n < N) {
        const float* row = x + (long)n * ld;
        for (int k = 0; k < K; k++) out[k * PANEL + j] = row[k];
      } else {
        for (int k = 0; k < K; k++) out[k * PANEL + j] = 0.0f;
      }
    }
  }
}

EXPORT(pack_weights) void pack_weights(int K, int N, const float* w, float* dst, int p0, int p1) {
  pack_rows(K, N, w, N, dst, p0, p1);
}

/* panels → B [K, N]: the inverse of pack_weights */
EXPORT(unpack_weights) void unpack_weights(int K, int N, const float* packed, float* dst, int p0, int p1) {
  for (int p = p0; p < p1; p++) {
    const float* in = packed + (long)p * K * PANEL;
    int n0 = p * PANEL, width = N - n0 < PANEL ? N - n0 : PANEL;
    for (int k = 0; k < K; k++, in += PANEL) {
      float* row = dst + (long)k * N + n0;
      for (int j = 0; j < width; j++) row[j] = in[j];
    }
  }
}

/* ---------- matrix product: C = act(A·B + bias) + residual ---------- */

static inline void store_cols(float* c, v128_t lo, v128_t hi, int width) {
  if (width >= PANEL) {
    wasm_v128_store(c, lo);
    wasm_v128_store(c + 4, hi);
    return;
  }
  if (width > 0) c[0] = wasm_f32x4_extract_lane(lo, 0);
  if (width > 1) c[1] = wasm_f32x4_extract_lane(lo, 1);
  if (width > 2) c[2] = wasm_f32x4_extract_lane(lo, 2);
  if (width > 3) c[3] = wasm_f32x4_extract_lane(lo, 3);
  if (width > 4) c[4] = wasm_f32x4_extract_lane(hi, 0);
  if (width > 5) c[5] = wasm_f32x4_extract_lane(hi, 1);
  if (width > 6) c[6] = wasm_f32x4_extract_lane(hi, 2);
}

static inline v128_t load_cols(const float* c, int width, int half) {
  if (width >= PANEL) return wasm_v128_load(c + 4 * half);
  int o = 4 * half;
  return wasm_f32x4_make(o < width ? c[o] : 0.0f, o + 1 < width ? c[o + 1] : 0.0f, o + 2 < width ? c[o + 2] : 0.0f,
                         o + 3 < width ? c[o + 3] : 0.0f);
}

/*
 * The epilogue of one row: act(acc) + res, where acc started at the bias; act(acc) also to `pre` (the
 * value before the residual) where it is given. (Plain arguments, not a struct: a struct could land on the C stack.)
 */
/* not inlined: called once per row of a tile, and six inlined copies of the activations would grow the module by a third */
static __attribute__((noinline)) void finish(v128_t lo, v128_t hi, float* c, int width, int act, const float* res, float* pre) {
  lo = activate4(lo, act);
  hi = activate4(hi, act);
  if (pre) store_cols(pre, lo, hi, width);
  if (res) {
    lo = wasm_f32x4_add(lo, load_cols(res, width, 0));
    hi = wasm_f32x4_add(hi, load_cols(res, width, 1));
  }
  store_cols(c, lo, hi, width);
}

/* 4 rows × one panel of 8 columns, the whole K at once. */
static inline void tile4x8(int K, const float* a, int lda, const float* bp, float* c, int ldc, int rows, int width,
                           v128_t init_lo, v128_t init_hi, int act, const float* res, int ldr) {
  v128_t c00 = init_lo, c10 = init_lo, c20 = init_lo, c30 = init_lo;
  v128_t c01 = init_hi, c11 = init_hi, c21 = init_hi, c31 = init_hi;
  const float* a0 = a;
  const float* a1 = rows > 1 ? a0 + lda : a0;
  const float* a2 = rows > 2 ? a1 + lda : a1;
  const float* a3 = rows > 3 ? a2 + lda : a2;
  for (int k = 0; k < K; k++) {
    v128_t b0 = wasm_v128_load(bp), b1 = wasm_v128_load(bp + 4);
    bp += PANEL;
    v128_t x0 = wasm_v128_load32_splat(a0 + k), x1 = wasm_v128_load32_splat(a1 + k);
    v128_t x2 = wasm_v128_load32_splat(a2 + k), x3 = wasm_v128_load32_splat(a3 + k);
    c00 = madd(x0, b0, c00);
    c01 = madd(x0, b1, c01);
    c10 = madd(x1, b0, c10);
    c11 = madd(x1, b1, c11);
    c20 = madd(x2, b0, c20);
    c21 = madd(x2, b1, c21);
    c30 = madd(x3, b0, c30);
    c31 = madd(x3, b1, c31);
  }
  finish(c00, c01, c, width, act, res, 0);
  if (rows > 1) finish(c10, c11, c + ldc, width, act, res ? res + ldr : 0, 0);
  if (rows > 2) finish(c20, c21, c + 2 * ldc, width, act, res ? res + 2 * ldr : 0, 0);
  if (rows > 3) finish(c30, c31, c + 3 * ldc, width, act, res ? res + 3 * ldr : 0, 0);
}

/* Rows of A per block: about 512 KB of A, so that a block stays in a core's L2 cache while every panel passes over it. */
#define A_BLOCK_FLOATS 131072

/*
 * A [M, K] (row stride lda, unpacked: the backward pass's products) times packed B (N columns), column panels p0 ≤ p < p1 only. Row blocks
 * outside, panels inside: a batch's B·T rows would otherwise stream all of A from memory once per panel.
 */
static void gemm(int M, int N, int K, const float* a, int lda, const float* bp, float* c, int ldc, int p0, int p1,
                 const float* bias, int act, const float* residual, int ldr) {
  int block = (A_BLOCK_FLOATS / (K > 0 ? K : 1)) & ~3;
  if (block < 4) block = 4;
  for (int m0 = 0; m0 < M; m0 += block) {
    int m1 = M - m0 < block ? M : m0 + block;
    for (int p = p0; p < p1; p++) {
      const float* panel = bp + (long)p * K * PANEL;
      int n0 = p * PANEL, width = N - n0 < PANEL ? N - n0 : PANEL;
      v128_t lo = bias ? load_cols(bias + n0, width, 0) : wasm_f32x4_splat(0.0f);
      v128_t hi = bias ? load_cols(bias + n0, width, 1) : wasm_f32x4_splat(0.0f);
      for (int m = m0; m < m1; m += 4) {
        const float* res = residual ? residual + (long)m * ldr + n0 : 0;
        tile4x8(K, a + (long)m * lda, lda, panel, c + (long)m * ldc + n0, ldc, m1 - m, width, lo, hi, act, res, ldr);
      }
    }
  }
}

/* ---------- dense layers: A packed in tiles of 6 rows, 6 rows × 8 columns at a time ---------- */


/*
 * x [M, K] (row stride ld) → [ceil(M/6)][K][6]: tile t holds rows 6t…6t+5 interleaved (row r of column k
 * at 6k + r), so that the product reads each tile's six values of a column from one pointer. Rows past M
 * repeat the last row (their results are never stored). Tiles t0 ≤ t < t1.
 */
/* Columns 0…K−1 of six rows (x0…x5) as one tile: out[6k + r] = xr[k]. */
static __attribute__((noinline)) void pack_tile(int K, const float* x0, const float* x1, const float* x2, const float* x3,
                                                const float* x4, const float* x5, float* out) {
  int k = 0;
  /* four columns at a time: rows 0–3 transposed, rows 4–5 interleaved, 24 values in order */
  for (; k + 4 <= K; k += 4, out += 4 * ROWS) {
    v128_t v0 = wasm_v128_load(x0 + k), v1 = wasm_v128_load(x1 + k), v2 = wasm_v128_load(x2 + k);
    v128_t v3 = wasm_v128_load(x3 + k), v4 = wasm_v128_load(x4 + k), v5 = wasm_v128_load(x5 + k);
    v128_t a01 = wasm_i32x4_shuffle(v0, v1, 0, 4, 1, 5), b01 = wasm_i32x4_shuffle(v0, v1, 2, 6, 3, 7);
    v128_t a23 = wasm_i32x4_shuffle(v2, v3, 0, 4, 1, 5), b23 = wasm_i32x4_shuffle(v2, v3, 2, 6, 3, 7);
    v128_t c0 = wasm_i32x4_shuffle(a01, a23, 0, 1, 4, 5), c1 = wasm_i32x4_shuffle(a01, a23, 2, 3, 6, 7);
    v128_t c2 = wasm_i32x4_shuffle(b01, b23, 0, 1, 4, 5), c3 = wasm_i32x4_shuffle(b01, b23, 2, 3, 6, 7);
    v128_t lo45 = wasm_i32x4_shuffle(v4, v5, 0, 4, 1, 5), hi45 = wasm_i32x4_shuffle(v4, v5, 2, 6, 3, 7);
    wasm_v128_store(out, c0);
    wasm_v128_store(out + 4, wasm_i32x4_shuffle(lo45, c1, 0, 1, 4, 5));
    wasm_v128_store(out + 8, wasm_i32x4_shuffle(c1, lo45, 2, 3, 6, 7));
    wasm_v128_store(out + 12, c2);
    wasm_v128_store(out + 16, wasm_i32x4_shuffle(hi45, c3, 0, 1, 4, 5));
    wasm_v128_store(out + 20, wasm_i32x4_shuffle(c3, hi45, 2, 3, 6, 7));
  }
  for (; k < K; k++, out += ROWS) {
    out[0] = x0[k], out[1] = x1[k], out[2] = x2[k];
    out[3] = x3[k], out[4] = x4[k], out[5] = x5[k];
  }
}

/*
 * Tile t of x [M, K] (row stride ld), columns 0…K−1, to out: rows past M repeat the last row (their
 * results are never stored).
 */
static inline void pack_tile_of(int M, int K, const float* x, int ld, int t, float* out) {
  int m = t * ROWS, last = M - 1;
#define ROW(r) (x + (long)(m + r < M ? m + r : last) * ld)
  pack_tile(K, ROW(0), ROW(1), ROW(2), ROW(3), ROW(4), ROW(5), out);
#undef ROW
}

static __attribute__((noinline)) void pack_tiles(int M, int K, const float* x, int ld, float* dst, int t0, int t1) {
  for (int t = t0; t < t1; t++) pack_tile_of(M, K, x, ld, t, dst + (long)t * K * ROWS);
}

EXPORT(pack_a) void pack_a(int M, int K, const float* x, float* dst, int t0, int t1) {
  pack_tiles(M, K, x, K, dst, t0, t1);
}

/*
 * One tile of packed A × one panel of 8 columns, the whole K at once: 12 accumulators, enough that
 * the fused multiply-adds' latency never stalls, and 15 of the 16 SIMD registers in all (build.sh
 * keeps clang from hoisting the six broadcasts ahead of their multiply-adds, which would spill).
 */
static inline void tile6x8(int K, const float* a, const float* bp, float* c, int ldc, int rows, int width, v128_t init_lo,
                           v128_t init_hi, int act, const float* res, int ldr, float* pre, float* tile) {
  v128_t c00 = init_lo, c10 = init_lo, c20 = init_lo, c30 = init_lo, c40 = init_lo, c50 = init_lo;
  v128_t c01 = init_hi, c11 = init_hi, c21 = init_hi, c31 = init_hi, c41 = init_hi, c51 = init_hi;
  for (int k = 0; k < K; k++) {
    v128_t b0 = wasm_v128_load(bp), b1 = wasm_v128_load(bp + 4);
    bp += PANEL;
    v128_t x;
    x = wasm_v128_load32_splat(a + 0);
    c00 = madd(x, b0, c00);
    c01 = madd(x, b1, c01);
    x = wasm_v128_load32_splat(a + 1);
    c10 = madd(x, b0, c10);
    c11 = madd(x, b1, c11);
    x = wasm_v128_load32_splat(a + 2);
    c20 = madd(x, b0, c20);
    c21 = madd(x, b1, c21);
    x = wasm_v128_load32_splat(a + 3);
    c30 = madd(x, b0, c30);
    c31 = madd(x, b1, c31);
    x = wasm_v128_load32_splat(a + 4);
    c40 = madd(x, b0, c40);
    c41 = madd(x, b1, c41);
    x = wasm_v128_load32_splat(a + 5);
    c50 = madd(x, b0, c50);
    c51 = madd(x, b1, c51);
    a += ROWS;
  }
  if (act == ACT_NONE && !res && !pre && !tile && width == PANEL && rows >= ROWS) {
    /* a whole tile with nothing to add (attention's products): stored here, without six calls of finish() */
    wasm_v128_store(c, c00), wasm_v128_store(c + 4, c01), c += ldc;
    wasm_v128_store(c, c10), wasm_v128_store(c + 4, c11), c += ldc;
    wasm_v128_store(c, c20), wasm_v128_store(c + 4, c21), c += ldc;
    wasm_v128_store(c, c30), wasm_v128_store(c + 4, c31), c += ldc;
    wasm_v128_store(c, c40), wasm_v128_store(c + 4, c41), c += ldc;
    wasm_v128_store(c, c50), wasm_v128_store(c + 4, c51);
    return;
  }
#define FINISH(i, lo, hi) \
  if (rows > i) finish(lo, hi, c + i * ldc, width, act, res ? res + i * ldr : 0, pre ? pre + i * ldc : 0);
  FINISH(0, c00, c01) FINISH(1, c10, c11) FINISH(2, c20, c21) FINISH(3, c30, c31) FINISH(4, c40, c41) FINISH(5, c50, c51)
#undef FINISH
  /* the rows just stored, still in the L1 cache, as this tile's columns for the next product */
  if (tile) pack_tile_of(rows < ROWS ? rows : ROWS, width, c, ldc, 0, tile);
}

/* Tiles of packed A per block: about 1 MB (a core's L2 cache), a ViT-B layer's 197 rows of K 768 in one. */
#define PACKED_A_BLOCK_FLOATS 262144

/*
 * out [M, N] (row stride ldo, the residual's and pre's too) = act(x · W + bias) + residual for column
 * panels p0 ≤ p < p1, with x [M, K] packed by pack_tiles into xp and W in panels (pack_weights). Each
 * output is summed over k in order from the bias. Where given, pre gets act(x · W + bias) (before the
 * residual) and tiles_out gets out in pack_tiles' layout ([ceil(M/6)][N][6]), so that a product of out
 * needs no pack_a. Row blocks outside, panels inside: a batch's B·T rows would otherwise stream all of
 * A from memory once per panel.
 */
static __attribute__((noinline)) void product(int M, int N, int K, const float* xp, const float* packed, const float* bias, int act,
                    const float* residual, float* out, int ldo, float* pre, float* tiles_out, int p0, int p1) {
  int tiles = (M + ROWS - 1) / ROWS;
  int block = PACKED_A_BLOCK_FLOATS / (K * ROWS > 0 ? K * ROWS : 1);
  if (block < 1) block = 1;
  for (int t0 = 0; t0 < tiles; t0 += block) {
    int t1 = tiles - t0 < block ? tiles : t0 + block;
    for (int p = p0; p < p1; p++) {
      const float* panel = packed + (long)p * K * PANEL;
      int n0 = p * PANEL, width = N - n0 < PANEL ? N - n0 : PANEL;
      v128_t lo = bias ? load_cols(bias + n0, width, 0) : wasm_f32x4_splat(0.0f);
      v128_t hi = bias ? load_cols(bias + n0, width, 1) : wasm_f32x4_splat(0.0f);
      for (int t = t0; t < t1; t++) {
        long m = (long)t * ROWS;
        const float* res = residual ? residual + m * ldo + n0 : 0;
        float* tile = tiles_out ? tiles_out + (long)t * N * ROWS + (long)n0 * ROWS : 0;
        tile6x8(K, xp + (long)t * K * ROWS, panel, out + m * ldo + n0, ldo, M - (int)m, width, lo, hi, act, res, ldo,
                pre ? pre + m * ldo + n0 : 0, tile);
      }
    }
  }
}

/*
 * product() of a dense layer: out [M, N] = act(x · W + bias) + residual, x packed by pack_a (or by the
 * tiles_out of the product that made it) into xp; pre and tiles_out as in product(), or 0.
 */
EXPORT(dense) void dense(int M, int N, int K, const float* xp, const float* packed, const float* bias, int act,
                        const float* residual, float* out, float* pre, float* tiles_out, int p0, int p1) {
  product(M, N, K, xp, packed, bias, act, residual, out, N, pre, tiles_out, p0, p1);
}

/* ---------- LayerNorm over rows r0 ≤ r < r1 of x [T, D] ---------- */

static inline float hsum(v128_t v) {
  return wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1) + wasm_f32x4_extract_lane(v, 2) +
         wasm_f32x4_extract_lane(v, 3);
}

/*
 * out = LayerNorm(x) with γ, β for rows r0 ≤ r < r1 of x [rows, D]. Where tiles is given, out is also
 * written there in pack_tiles' layout for the dense layer that reads it next, each tile as its last row
 * is done: then r0 must start a tile (a multiple of 6) and r1 end one (or be rows).
 */
EXPORT(layer_norm) void layer_norm(int D, const float* x, const float* gamma, const float* beta, float eps, float* out,
                                  float* tiles, int rows, int r0, int r1) {
  int D4 = D & ~3;
  for (int r = r0; r < r1; r++) {
    const float* row = x + (long)r * D;
    float* o = out + (long)r * D;
    v128_t s = wasm_f32x4_splat(0.0f);
    int i = 0;
    for (; i < D4; i += 4) s = wasm_f32x4_add(s, wasm_v128_load(row + i));
    float sum = hsum(s);
    for (; i < D; i++) sum += row[i];
    float mean = sum / (float)D;
    v128_t m4 = wasm_f32x4_splat(mean);
    s = wasm_f32x4_splat(0.0f);
    for (i = 0; i < D4; i += 4) {
      v128_t c = wasm_f32x4_sub(wasm_v128_load(row + i), m4);
      s = madd(c, c, s);
    }
    float sq = hsum(s);
    for (; i < D; i++) sq += (row[i] - mean) * (row[i] - mean);
    float inv = 1.0f / wasm_f32x4_extract_lane(wasm_f32x4_sqrt(wasm_f32x4_splat(sq / (float)D + eps)), 0);
    v128_t inv4 = wasm_f32x4_splat(inv);
    for (i = 0; i < D4; i += 4) {
      v128_t c = wasm_f32x4_mul(wasm_f32x4_sub(wasm_v128_load(row + i), m4), inv4);
      v128_t y = madd(c, wasm_v128_load(gamma + i), wasm_v128_load(beta + i));
      wasm_v128_store(o + i, y);
    }
    for (; i < D; i++) o[i] = (row[i] - mean) * inv * gamma[i] + beta[i];
    if (tiles && (r % ROWS == ROWS - 1 || r == rows - 1)) pack_tile_of(rows, D, out, D, r / ROWS, tiles + (long)(r / ROWS) * D * ROWS);
  }
}

/* ---------- attention ---------- */

/* scaled = x·scale and out = softmax(scaled), row by row, for x [rows, n] (x, scaled and out may be one array) */
static void softmax_rows(int rows, int n, const float* x, float scale, float* scaled, float* out, int ld) {
  int n4 = n & ~3;
  v128_t s4 = wasm_f32x4_splat(scale);
  for (int r = 0; r < rows; r++) {
    const float* in = x + (long)r * ld;
    float* row = scaled + (long)r * ld;
    float* o = out + (long)r * ld;
    v128_t m = wasm_f32x4_splat(-3.4e38f);
    int i = 0;
    for (; i < n4; i += 4) {
      v128_t v = wasm_f32x4_mul(wasm_v128_load(in + i), s4);
      wasm_v128_store(row + i, v);
      m = wasm_f32x4_pmax(m, v);
    }
    for (int j = n4; j < n; j++) row[j] = in[j] * scale;
    float mx = wasm_f32x4_extract_lane(m, 0);
    for (int l = 1; l < 4; l++) {
      float v = l == 1 ? wasm_f32x4_extract_lane(m, 1) : l == 2 ? wasm_f32x4_extract_lane(m, 2) : wasm_f32x4_extract_lane(m, 3);
      mx = v > mx ? v : mx;
    }
    for (; i < n; i++) mx = row[i] > mx ? row[i] : mx;
    v128_t mx4 = wasm_f32x4_splat(mx);
    v128_t s = wasm_f32x4_splat(0.0f);
    for (i = 0; i < n4; i += 4) {
      v128_t e = exp4(wasm_f32x4_sub(wasm_v128_load(row + i), mx4));
      wasm_v128_store(o + i, e);
      s = wasm_f32x4_add(s, e);
    }
    float sum = hsum(s);
    for (; i < n; i++) {
      float e = wasm_f32x4_extract_lane(exp4(wasm_f32x4_splat(row[i] - mx)), 0);
      o[i] = e;
      sum += e;
    }
    v128_t inv = wasm_f32x4_splat(1.0f / sum);
    for (i = 0; i < n4; i += 4) wasm_v128_store(o + i, wasm_f32x4_mul(wasm_v128_load(o + i), inv));
    for (; i < n; i++) o[i] *= 1.0f / sum;
  }
}

/* floats of one thread's scratch for attend(): Kᵀ in panels, V in panels, Q or the attention in tiles of 6 rows */
#define ATTEND_SCRATCH(T, d) \
  ((long)PANEL * (((T) + PANEL - 1) / PANEL * (d) + ((d) + PANEL - 1) / PANEL * (T)) + \
   (long)ROWS * (((T) + ROWS - 1) / ROWS) * ((T) > (d) ? (T) : (d)))

/*
 * One head: scores = q·kᵀ [T, T], scaled = scores·scale, attn = softmax(scaled) and ctx = attn·v [T, d]
 * (row stride ldc), from q, k and v [T, d] with row stride ld. scores, scaled and attn may be one array.
 * Both products are the dense layers' (tiles of 6 rows × panels of 8 columns): Q and the attention are
 * packed in tiles, Kᵀ and V in panels, all in scratch (ATTEND_SCRATCH floats).
 */
static void attend(int T, int d, const float* q, const float* k, const float* v, int ld, float scale, float* scores,
                   float* scaled, float* attn, float* ctx, int ldc, float* scratch) {
  float* kT = scratch;
  float* vp = kT + (long)((T + PANEL - 1) / PANEL) * PANEL * d;
  float* tiles = vp + (long)((d + PANEL - 1) / PANEL) * PANEL * T;
  int row_tiles = (T + ROWS - 1) / ROWS;
  pack_tiles(T, d, q, ld, tiles, 0, row_tiles);
  pack_transposed(d, T, k, ld, kT);
  product(T, T, d, tiles, kT, 0, ACT_NONE, 0, scores, T, 0, 0, 0, (T + PANEL - 1) / PANEL);
  softmax_rows(T, T, scores, scale, scaled, attn, T);
  pack_tiles(T, T, attn, T, tiles, 0, row_tiles);
  pack_rows(T, d, v, ld, vp, 0, (d + PANEL - 1) / PANEL);
  product(T, d, T, tiles, vp, 0, ACT_NONE, 0, ctx, ldc, 0, 0, 0, (d + PANEL - 1) / PANEL);
}

/*
 * Multi-head self-attention for heads j0 ≤ j < j1 (all query rows), from the fused projection
 * qkv [T, 3D] (q of all heads, then k, then v; head j at columns j·d). Writes what the trace
 * records: qkvHeads [3, h, T, d], scores = Q·Kᵀ, scaled = scores·scale and attn = softmax(scaled)
 * [h, T, T], context = attn·V [h, T, d], and merged [T, D] (the heads side by side); where
 * merged_tiles is given, merged in pack_tiles' layout too, for the output projection that reads it next.
 * scratch holds this thread's packed Q, Kᵀ, V and attention of one head: ATTEND_SCRATCH(T, d) floats.
 * Threads split it by heads: each head's Kᵀ and V are packed once, by the thread that does it.
 */
EXPORT(attention) void attention(int T, int h, int d, const float* qkv, float scale, float* qkv_heads, float* scores,
                                float* scaled, float* attn, float* context, float* merged, float* merged_tiles,
                                float* scratch, int j0, int j1) {
  int D = h * d, ld = 3 * D;
  for (int j = j0; j < j1; j++) {
    for (int part = 0; part < 3; part++) {
      for (int t = 0; t < T; t++) {
        const float* src = qkv + (long)t * ld + part * D + j * d;
        float* dst = qkv_heads + ((long)(part * h + j) * T + t) * d;
        for (int i = 0; i < d; i++) dst[i] = src[i];
      }
    }
    long head = (long)j * T * T;
    float* ctx = context + (long)j * T * d;
    attend(T, d, qkv + j * d, qkv + D + j * d, qkv + 2 * D + j * d, ld, scale, scores + head, scaled + head, attn + head,
           ctx, d, scratch);
    for (int t = 0; t < T; t++)
      for (int c = 0; c < d; c++) merged[(long)t * D + j * d + c] = ctx[(long)t * d + c];
    if (merged_tiles)
      for (int t = 0; t < (T + ROWS - 1) / ROWS; t++)
        pack_tile_of(T, d, merged + j * d, D, t, merged_tiles + (long)t * D * ROWS + (long)j * d * ROWS);
  }
}

/*
 * The same attention for a batch of images, keeping only what the logits need: merged [B·T, D]
 * from qkv [B·T, 3D] (image b's tokens at rows b·T…). Work items are (image, head) pairs
 * i0 ≤ i < i1, i = b·h + j. Each score matrix lives in this thread's scratch and is never written
 * out, and every step is the one attention() takes, so each image's merged equals attention()'s.
 * scratch: ATTEND_SCRATCH(T, d) + T·T floats.
 */
EXPORT(attention_merged) void attention_merged(int T, int h, int d, const float* qkv, float scale, float* merged,
                                              float* scratch, int i0, int i1) {
  int D = h * d, ld = 3 * D;
  float* s = scratch + ATTEND_SCRATCH(T, d);
  for (int i = i0; i < i1; i++) {
    int b = i / h, j = i % h;
    const float* image = qkv + (long)b * T * ld;
    attend(T, d, image + j * d, image + D + j * d, image + 2 * D + j * d, ld, scale, s, s, s,
           merged + (long)b * T * D + j * d, D, scratch);
  }
}
