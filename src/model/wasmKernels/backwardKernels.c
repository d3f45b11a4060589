/*
 * The backward pass of a ViT block for the class map (∂ logit / ∂ attention): only the gradients
 * with respect to the activations, never the weights. Built by build.sh as its own set of modules
 * (bin/backward-*.wasm), fetched the first time a class map is asked for, so none of it weighs on
 * the page's first view. Same rules as vitKernels.c, whose helpers (gemm, packing, exp4, erf4) it
 * includes: tfjs-wasm's memory, no C stack, no static data, a range of work as the last two arguments.
 */
#include "vitKernels.c"

/*
 * Wᵀ in column panels, from W already packed by pack_weights ([ceil(N/8)][K][8]): panels of 8 of
 * W's K rows, [ceil(K/8)][N][8], so that dense(dY, Wᵀ) gives dX = dY·Wᵀ. Panels p0 ≤ p < p1.
 */
EXPORT(pack_weights_transposed) void pack_weights_transposed(int K, int N, const float* packed, float* dst, int p0, int p1) {
  for (int p = p0; p < p1; p++) {
    float* out = dst + (long)p * N * PANEL;
    int k0 = p * PANEL, width = K - k0 < PANEL ? K - k0 : PANEL;
    for (int n = 0; n < N; n++, out += PANEL) {
      const float* src = packed + (long)(n / PANEL) * K * PANEL + (long)k0 * PANEL + n % PANEL;
      for (int j = 0; j < PANEL; j++) out[j] = j < width ? src[j * PANEL] : 0.0f;
    }
  }
}

/* ---------- activations: forward on elements i0 ≤ i < i1, and their derivative ---------- */

EXPORT(activation) void activation(int act, const float* x, float* out, int i0, int i1) {
  int i = i0;
  for (; i + 4 <= i1; i += 4) wasm_v128_store(out + i, activate4(wasm_v128_load(x + i), act));
  for (; i < i1; i++) out[i] = wasm_f32x4_extract_lane(activate4(wasm_f32x4_splat(x[i]), act), 0);
}

/* act′(x) on four lanes */
static inline v128_t derivative4(v128_t x, int act) {
  const v128_t half = wasm_f32x4_splat(0.5f), one = wasm_f32x4_splat(1.0f);
  switch (act) {
    case ACT_GELU: { /* Φ(x) + x·φ(x) = 0.5·(1 + erf(x/√2)) + x·e^{−x²/2}/√(2π) */
      v128_t cdf = wasm_f32x4_mul(half, wasm_f32x4_add(one, erf4(wasm_f32x4_mul(x, wasm_f32x4_splat(0.70710678118654752f)))));
      v128_t pdf = wasm_f32x4_mul(exp4(wasm_f32x4_mul(wasm_f32x4_mul(x, x), wasm_f32x4_splat(-0.5f))), wasm_f32x4_splat(0.39894228040143268f));
      return madd(x, pdf, cdf);
    }
    case ACT_GELU_TANH: { /* 0.5·(1 + t) + 0.5·x·(1 − t²)·√(2/π)·(1 + 3·0.044715·x²), t = tanh(u) */
      v128_t x2 = wasm_f32x4_mul(x, x);
      v128_t u = wasm_f32x4_mul(madd(wasm_f32x4_mul(x2, x), wasm_f32x4_splat(0.044715f), x), wasm_f32x4_splat(0.79788456080286536f));
      v128_t t = wasm_f32x4_sub(one, wasm_f32x4_div(wasm_f32x4_splat(2.0f), wasm_f32x4_add(exp4(wasm_f32x4_add(u, u)), one)));
      v128_t du = wasm_f32x4_mul(madd(x2, wasm_f32x4_splat(3.0f * 0.044715f), one), wasm_f32x4_splat(0.79788456080286536f));
      v128_t slope = wasm_f32x4_mul(wasm_f32x4_mul(half, x), wasm_f32x4_mul(wasm_f32x4_sub(one, wasm_f32x4_mul(t, t)), du));
      return wasm_f32x4_add(wasm_f32x4_mul(half, wasm_f32x4_add(one, t)), slope);
    }
    case ACT_RELU:
      return wasm_v128_and(wasm_f32x4_gt(x, wasm_f32x4_splat(0.0f)), one);
    default:
      return one;
  }
}

/* dx = dy ⊙ act′(pre), pre the activation's input; elements i0 ≤ i < i1 */
EXPORT(activation_backward) void activation_backward(int act, const float* pre, const float* dy, float* dx, int i0, int i1) {
  int i = i0;
  for (; i + 4 <= i1; i += 4)
    wasm_v128_store(dx + i, wasm_f32x4_mul(wasm_v128_load(dy + i), derivative4(wasm_v128_load(pre + i), act)));
  for (; i < i1; i++) dx[i] = dy[i] * wasm_f32x4_extract_lane(derivative4(wasm_f32x4_splat(pre[i]), act), 0);
}

/* ---------- LayerNorm ---------- */

/*
 * Rows r0 ≤ r < r1 of dx = ∂ through y = x̂·γ + β, x̂ = (x − mean)·inv, plus dres (the residual
 * stream's own gradient; 0 for none): dx = inv·(g − mean(g) − x̂·mean(g·x̂)) + dres, g = dy·γ.
 */
EXPORT(layer_norm_backward) void layer_norm_backward(int D, const float* x, const float* gamma, float eps, const float* dy,
                                                     const float* dres, float* dx, int r0, int r1) {
  for (int r = r0; r < r1; r++) {
    const float* row = x + (long)r * D;
    const float* g = dy + (long)r * D;
    float* o = dx + (long)r * D;
    float sum = 0.0f;
    for (int i = 0; i < D; i++) sum += row[i];
    float mean = sum / (float)D, sq = 0.0f;
    for (int i = 0; i < D; i++) sq += (row[i] - mean) * (row[i] - mean);
    float inv = 1.0f / wasm_f32x4_extract_lane(wasm_f32x4_sqrt(wasm_f32x4_splat(sq / (float)D + eps)), 0);
    float sumG = 0.0f, sumGx = 0.0f;
    for (int i = 0; i < D; i++) {
      float gi = g[i] * gamma[i];
      sumG += gi;
      sumGx += gi * (row[i] - mean) * inv;
    }
    float meanG = sumG / (float)D, meanGx = sumGx / (float)D;
    for (int i = 0; i < D; i++) {
      float xhat = (row[i] - mean) * inv;
      o[i] = inv * (g[i] * gamma[i] - meanG - xhat * meanGx) + (dres ? dres[(long)r * D + i] : 0.0f);
    }
  }
}

/* ---------- attention ---------- */

static void transpose_square(int T, const float* src, float* dst) {
  for (int i = 0; i < T; i++)
    for (int j = 0; j < T; j++) dst[(long)j * T + i] = src[(long)i * T + j];
}

/*
 * Heads j0 ≤ j < j1 of attention's backward pass, from the fused projection qkv [T, 3D], the
 * weights attn [h, T, T] and dmerged [T, D] (∂ with respect to the heads' outputs side by side):
 * dattn [h, T, T] = ∂ / ∂ attn (what the class map weights the attention with) and dqkv [T, 3D].
 * scratch, per thread: 8·max(ceil(T/8)·d, ceil(d/8)·T) + 2·T·T floats.
 */
EXPORT(attention_backward) void attention_backward(int T, int h, int d, const float* qkv, const float* attn,
                                                   const float* dmerged, float scale, float* dattn, float* dqkv,
                                                   float* scratch, int j0, int j1) {
  int D = h * d, ld = 3 * D;
  int tp = (T + PANEL - 1) / PANEL, dp = (d + PANEL - 1) / PANEL;
  long packFloats = (long)PANEL * (tp * d > dp * T ? tp * d : dp * T);
  float* packed = scratch;
  float* ds = scratch + packFloats;
  float* flipped = ds + (long)T * T;
  for (int j = j0; j < j1; j++) {
    const float* a = attn + (long)j * T * T;
    float* da = dattn + (long)j * T * T;
    const float* dm = dmerged + j * d;
    /* dA = dM·Vᵀ */
    pack_transposed(d, T, qkv + 2 * D + j * d, ld, packed);
    gemm(T, T, d, dm, D, packed, da, T, 0, tp, 0, ACT_NONE, 0, 0);
    /* softmax: dS = A ⊙ (dA − Σ dA ⊙ A), then the scale */
    for (int t = 0; t < T; t++) {
      const float* ar = a + (long)t * T;
      const float* dr = da + (long)t * T;
      float dot = 0.0f;
      for (int s = 0; s < T; s++) dot += ar[s] * dr[s];
      for (int s = 0; s < T; s++) ds[(long)t * T + s] = ar[s] * (dr[s] - dot) * scale;
    }
    /* dQ = dS·K */
    pack_rows(T, d, qkv + D + j * d, ld, packed, 0, dp);
    gemm(T, d, T, ds, T, packed, dqkv + j * d, ld, 0, dp, 0, ACT_NONE, 0, 0);
    /* dK = dSᵀ·Q */
    transpose_square(T, ds, flipped);
    pack_rows(T, d, qkv + j * d, ld, packed, 0, dp);
    gemm(T, d, T, flipped, T, packed, dqkv + D + j * d, ld, 0, dp, 0, ACT_NONE, 0, 0);
    /* dV = Aᵀ·dM */
    transpose_square(T, a, flipped);
    pack_rows(T, d, dm, D, packed, 0, dp);
    gemm(T, d, T, flipped, T, packed, dqkv + 2 * D + j * d, ld, 0, dp, 0, ACT_NONE, 0, 0);
  }
}
