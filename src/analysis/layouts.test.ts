/**
 * Every analysis on the four token layouts a trace can have: no prefix tokens (the seed toy, mean
 * pooling), [CLS], [CLS] + [DIST] (DeiT distilled) and [CLS] + 4 registers (no shipped model yet).
 * Each is checked against a computation written here, from the token offsets spelled out per case
 * (`first`, `cls`), not from the layout's own functions.
 */
import { describe, expect, it } from 'vitest';
import { makeTokenLayout, type PrefixToken, type TokenLayout } from '../model/tokenLayout';
import { seededRandom } from '../model/seededRandom';
import type { Matrix, VitTrace } from '../model/trace';
import type { ReadoutWeights } from '../model/weightArrays';
import type { AttentionGradients } from '../model/attentionGradients';
import { headMatrix } from './attention';
import { attentionDistanceRuledOut, meanAttentionDistance } from './attentionDistance';
import { classMapOf, gradientImageRow } from './classMap';
import { faithfulnessCurves, faithfulnessRuns, headMapName } from './faithfulness';
import { logitLens, patchLogitLens } from './logitLens';
import { modelDimsOf } from './modelDims';
import { clsPatchAttention } from './objectAttention';
import { patchPositionEmbeddings, positionSimilarityRuledOut } from './positionSimilarity';
import { imageRow, rolloutImageRow, rolloutMapOf } from './rollout';
import { impliedPositionEmbeddings, patchPart } from './rows';
import { featureRgb, patchNorms } from './tokenFeatures';

const CLS: PrefixToken = { kind: 'cls', name: '[CLS]' };
const DIST: PrefixToken = { kind: 'dist', name: '[DIST]' };
const REG = (i: number): PrefixToken => ({ kind: 'reg', name: `[REG${i}]` });

/** The four layouts, each with its token offsets written out by hand. */
const CASES: { name: string; prefix: PrefixToken[]; first: number; cls: number | null; dist: number | null }[] = [
  { name: 'no prefix (seed toy, mean pooling)', prefix: [], first: 0, cls: null, dist: null },
  { name: '[CLS]', prefix: [CLS], first: 1, cls: 0, dist: null },
  { name: '[CLS] + [DIST]', prefix: [CLS, DIST], first: 2, cls: 0, dist: 1 },
  { name: '[CLS] + 4 registers', prefix: [CLS, REG(1), REG(2), REG(3), REG(4)], first: 5, cls: 0, dist: null },
];

const ROWS = 3;
const COLS = 3;
const N = ROWS * COLS;
const P = 4; // patch side in pixels
const H = 2; // heads
const L = 3; // layers
const D = 6; // width
const C = 4; // classes

// ---- plain float64 helpers, written for these tests ----

function identity(T: number): number[][] {
  return Array.from({ length: T }, (_, i) => Array.from({ length: T }, (_, j) => (i === j ? 1 : 0)));
}

function matmul(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
}

/** Head k's [T, T] of a flat [h, T, T]. */
function head(flat: ArrayLike<number>, k: number, T: number): number[][] {
  return Array.from({ length: T }, (_, i) => Array.from({ length: T }, (_, j) => flat[k * T * T + i * T + j]!));
}

/** The row the image is read along: [CLS]'s, or the mean of all rows. */
function readRow(m: number[][], cls: number | null): number[] {
  if (cls !== null) return m[cls]!;
  return m[0]!.map((_, j) => m.reduce((s, row) => s + row[j]!, 0) / m.length);
}

function randomAttention(T: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const out = new Float32Array(H * T * T);
  for (let r = 0; r < H * T; r++) {
    const row = Array.from({ length: T }, () => random() ** 3 + 1e-3);
    const sum = row.reduce((a, b) => a + b, 0);
    row.forEach((v, j) => (out[r * T + j] = v / sum));
  }
  return out;
}

function randomArray(n: number, seed: number, scale = 1): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length: n }, () => (random() - 0.5) * 2 * scale);
}

const matrix = (data: Float32Array, shape: number[]): Matrix => ({ data, shape });

function traceFor(layout: TokenLayout, pooling: 'cls' | 'mean'): VitTrace {
  const T = layout.numTokens;
  const S = COLS * P;
  // each patch's pixels sum to a distinct amount (used by the faithfulness check)
  const input = new Float32Array(S * S);
  for (let y = 0; y < S; y++)
    for (let x = 0; x < S; x++) input[y * S + x] = (((Math.floor(y / P) * COLS + Math.floor(x / P)) * 7) % 11) / 40 + 0.01;
  const layers = Array.from({ length: L }, (_, l) => ({
    attn: matrix(randomAttention(T, 10 + l), [H, T, T]),
    out: matrix(randomArray(T * D, 20 + l), [T, D]),
  }));
  return {
    config: {
      hiddenSize: D,
      numLayers: L,
      numHeads: H,
      intermediateSize: 8,
      activation: 'gelu',
      imageSize: S,
      patchSize: P,
      numChannels: 1,
      qkvBias: true,
      layerNormEps: 1e-6,
      hasClassToken: layout.clsToken !== null,
      hasPositionEmbeddings: true,
      pooling,
      labels: [],
    },
    layout,
    input: matrix(input, [1, S, S]),
    patchTokens: matrix(randomArray(N * D, 3), [N, D]),
    embeddings: matrix(randomArray(T * D, 4), [T, D]),
    layers,
    finalNorm: matrix(randomArray(T * D, 5), [T, D]),
    pooled: matrix(new Float32Array(D), [D]),
    logits: matrix(new Float32Array(C), [C]),
    probs: matrix(new Float32Array(C).fill(1 / C), [C]),
  } as unknown as VitTrace;
}

function readout(seed: number, distilled: boolean): ReadoutWeights {
  return {
    gamma: randomArray(D, seed, 1).map((v) => 1 + v / 2),
    beta: randomArray(D, seed + 1, 0.3),
    eps: 1e-6,
    weight: matrix(randomArray(D * C, seed + 2), [D, C]),
    bias: randomArray(C, seed + 3, 0.2),
    ...(distilled
      ? { distillation: { weight: matrix(randomArray(D * C, seed + 4), [D, C]), bias: randomArray(C, seed + 5, 0.2) } }
      : {}),
  };
}

/** LayerNorm, then x·W + b, of one token, in float64. */
function readToken(x: ArrayLike<number>, t: number, w: ReadoutWeights, weight = w.weight, bias = w.bias): number[] {
  const v = Array.from({ length: D }, (_, i) => x[t * D + i]!);
  const mean = v.reduce((a, b) => a + b, 0) / D;
  const variance = v.reduce((a, b) => a + (b - mean) ** 2, 0) / D;
  const n = v.map((u, i) => ((u - mean) / Math.sqrt(variance + w.eps)) * w.gamma[i]! + w.beta[i]!);
  return Array.from({ length: C }, (_, c) => bias[c]! + n.reduce((s, u, i) => s + u * weight.data[i * C + c]!, 0));
}

const closeTo = (got: ArrayLike<number>, want: ArrayLike<number>, digits = 5) => {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i]!, digits);
};

describe.each(CASES)('analyses on the layout $name', ({ prefix, first, cls, dist }) => {
  const layout = makeTokenLayout(prefix, ROWS, COLS);
  const T = first + N;
  const trace = traceFor(layout, cls === null ? 'mean' : 'cls');
  const attention = trace.layers.map((l) => l.attn.data);

  it('the layout counts the tokens as written here', () => {
    expect(layout.numTokens).toBe(T);
    expect(layout.clsToken).toBe(cls);
    const dims = modelDimsOf(trace);
    expect([dims.N, dims.T, dims.g]).toEqual([N, T, COLS]);
  });

  it('rollout: the [CLS] (or mean) row of the full product Â_L−1 ⋯ Â_0 over the patch columns', () => {
    let product = identity(T);
    for (const a of attention) {
      const fused = identity(T).map((row, i) =>
        row.map(
          (eye, j) => (Array.from({ length: H }, (_, k) => head(a, k, T)[i]![j]!).reduce((s, v) => s + v, 0) / H + eye) / 2,
        ),
      );
      product = matmul(fused, product);
    }
    const want = readRow(product, cls).slice(first);
    closeTo(rolloutImageRow(attention, H, layout, { fusion: 'mean', discardRatio: 0, upToLayer: L - 1 }), want);
    closeTo(rolloutMapOf(trace, { fusion: 'mean', discardRatio: 0, upToLayer: L - 1 }), want);
  });

  it("rollout: a trace's map for the same options is computed once and shared; other options or traces get their own", () => {
    const options = { fusion: 'mean', discardRatio: 0, upToLayer: L - 1 } as const;
    const first = rolloutMapOf(trace, options);
    expect(rolloutMapOf(trace, { ...options })).toBe(first);
    const shallower = rolloutMapOf(trace, { ...options, upToLayer: 0 });
    expect(shallower).not.toBe(first);
    expect(Array.from(shallower)).toEqual(Array.from(rolloutImageRow(attention, H, layout, { ...options, upToLayer: 0 })));
    expect(rolloutMapOf(traceFor(layout, cls === null ? 'mean' : 'cls'), options)).not.toBe(first);
  });

  it('class map: R ← R + Ā·R from R = I, Ā the positive part of ∇A ⊙ A averaged over heads', async () => {
    const gradients = attention.map((_, l) => randomArray(H * T * T, 40 + l));
    let relevance = identity(T);
    attention.forEach((a, l) => {
      const bar = identity(T).map((row, i) =>
        row.map((_, j) => {
          let s = 0;
          for (let k = 0; k < H; k++) s += Math.max(0, head(a, k, T)[i]![j]! * head(gradients[l]!, k, T)[i]![j]!) / H;
          return s;
        }),
      );
      const update = matmul(bar, relevance);
      relevance = relevance.map((row, i) => row.map((v, j) => v + update[i]![j]!));
    });
    const want = readRow(relevance, cls).slice(first);
    closeTo(gradientImageRow(attention, gradients, H, layout), want);
    const engine = { gradients: async (): Promise<AttentionGradients> => ({ attention, gradients, logit: 0 }) };
    closeTo(await classMapOf(trace, engine, 1), want);
  });

  it("one head's map: its [CLS] (or mean) row over the patches", () => {
    const a = head(attention[1]!, 1, T);
    closeTo(imageRow(headMatrix(trace.layers[1]!.attn, 1), layout), readRow(a, cls).slice(first));
    expect(headMapName(trace, 1, 1)).toBe(`layer 1 head 1 ${cls === null ? 'mean' : '[CLS]'} attention`);
  });

  it('mean attention distance: patch keys only, renormalised, averaged over the query patches', () => {
    const want = Array.from({ length: H }, (_, k) => {
      const a = head(attention[0]!, k, T);
      let total = 0;
      for (let i = 0; i < N; i++) {
        let mass = 0;
        let weighted = 0;
        for (let j = 0; j < N; j++) {
          const w = a[first + i]![first + j]!;
          mass += w;
          weighted += w * P * Math.hypot(Math.floor(i / COLS) - Math.floor(j / COLS), (i % COLS) - (j % COLS));
        }
        total += weighted / mass;
      }
      return total / N;
    });
    expect(attentionDistanceRuledOut(layout, T)).toBeNull();
    closeTo(meanAttentionDistance(attention[0]!, H, layout, P), want, 9);
    // attention over another token count is said, not thrown
    expect(attentionDistanceRuledOut(layout, T + 1)).toMatch(
      new RegExp(`covers ${T + 1} tokens but the model's layout has ${T}`),
    );
  });

  it('logit lens: each patch token (rows first…) and the pooled readout the model itself uses', () => {
    const w = readout(60, dist !== null);
    const x = trace.layers[1]!.out.data;
    const patches = patchLogitLens(trace, w, 2); // depth 2 = after layer 1
    for (let p = 0; p < N; p++) closeTo(patches.subarray(p * C, (p + 1) * C), readToken(x, first + p, w), 4);
    const pooled = logitLens(trace, w).subarray(2 * C, 3 * C);
    let want: number[];
    if (cls === null) {
      const rows = Array.from({ length: T }, (_, t) => readToken(x, t, w));
      want = Array.from({ length: C }, (_, c) => rows.reduce((s, r) => s + r[c]!, 0) / T);
    } else if (dist !== null) {
      const a = readToken(x, cls, w);
      const b = readToken(x, dist, w, w.distillation!.weight, w.distillation!.bias);
      want = a.map((v, c) => (v + b[c]!) / 2);
    } else {
      want = readToken(x, cls, w);
    }
    closeTo(pooled, want, 4);
  });

  it('position embeddings: embeddings − patch tokens, from row `first` on', () => {
    const want = Array.from({ length: N * D }, (_, i) => trace.embeddings.data[first * D + i]! - trace.patchTokens.data[i]!);
    closeTo(patchPositionEmbeddings(trace)!, want, 6);
    closeTo(impliedPositionEmbeddings(trace.embeddings, trace.patchTokens, layout), want, 6);
    expect(positionSimilarityRuledOut(layout)).toBeNull();
    expect(positionSimilarityRuledOut({ ...layout, hasPositionEmbeddings: false })).toMatch(/no position embeddings/);
  });

  it('token norms and features: the patch rows only', () => {
    const x = trace.layers[2]!.out.data;
    const want = Array.from({ length: N }, (_, p) => Math.hypot(...Array.from({ length: D }, (_, i) => x[(first + p) * D + i]!)));
    closeTo(patchNorms(x, layout, D), want, 5);
    // patches that differ along one direction only, behind prefix rows that would dominate any PCA
    const line = new Float32Array(T * D);
    for (let t = 0; t < first; t++) line.fill(100 * (t + 1), t * D, (t + 1) * D);
    for (let p = 0; p < N; p++) line[(first + p) * D] = p;
    const red = Array.from({ length: N }, (_, p) => featureRgb(line, layout, D).rgb[p * 3]!);
    const up = red[0]! < red[N - 1]! ? red : red.reverse();
    up.forEach((v, p) => expect(v).toBeCloseTo(p / (N - 1), 5));
  });

  it("[CLS]'s attention on the object: its row's patch columns, mean of heads (none without [CLS])", () => {
    const last = trace.layers[L - 1]!.attn;
    const got = clsPatchAttention(last, layout);
    if (cls === null) {
      expect(got).toBeNull();
      return;
    }
    const want = Array.from(
      { length: N },
      (_, p) => (head(last.data, 0, T)[cls]![first + p]! + head(last.data, 1, T)[cls]![first + p]!) / 2,
    );
    closeTo(got!, want, 6);
    closeTo(patchPart(last.data.subarray(cls * T, cls * T + T), layout), head(last.data, 0, T)[cls]!.slice(first), 6);
  });

  it('faithfulness: deleting patches in the head map’s order, with the class probability from the engine', async () => {
    const S = COLS * P;
    // a stand-in model: logit 0 is the sum of the pixels, the others 0
    const logitsOf = (input: Float32Array) =>
      Float32Array.from({ length: C }, (_, c) => (c === 0 ? input.reduce((a, b) => a + b, 0) : 0));
    const pOf = (sum: number) => Math.exp(sum) / (Math.exp(sum) + C - 1);
    let passes = 0;
    let lastProgress = 0;
    const seen = new Set<string>();
    const engine = {
      logits: async (inputs: Float32Array[], options?: { onProgress?: (fraction: number) => void }) => {
        passes += inputs.length;
        inputs.forEach((input) => seen.add(input.join()));
        options?.onProgress?.(1); // as the engine does: the share of this batch done
        return inputs.map(logitsOf);
      },
      gradients: async (): Promise<AttentionGradients> => ({ attention, gradients: attention, logit: 0 }),
    };
    const steps = N;
    const curves = await faithfulnessCurves(
      trace,
      engine,
      { classIndex: 0, steps, layer: 2, head: 0 },
      { onProgress: (f) => (lastProgress = f) },
    );
    // each distinct masked image runs once: the ends every curve shares, and points two maps share
    expect(seen.size).toBe(passes);
    expect(passes).toBeLessThanOrEqual(faithfulnessRuns(steps));
    expect(lastProgress).toBeCloseTo(1, 9);
    // the head map's order, ranked here: highest first, ties by index
    const row = readRow(head(attention[2]!, 0, T), cls).slice(first);
    const order = row
      .map((v, p) => ({ v, p }))
      .sort((a, b) => b.v - a.v || a.p - b.p)
      .map((e) => e.p);
    const patchSum = (p: number) => {
      let s = 0;
      for (let y = 0; y < P; y++)
        for (let x = 0; x < P; x++) s += trace.input.data[(Math.floor(p / COLS) * P + y) * S + (p % COLS) * P + x]!;
      return s;
    };
    let remaining = Array.from({ length: N }, (_, p) => patchSum(p)).reduce((a, b) => a + b, 0);
    const want = [pOf(remaining)];
    for (const p of order) {
      remaining -= patchSum(p);
      want.push(pOf(remaining));
    }
    const curve = curves.curves.find((c) => c.name === headMapName(trace, 2, 0))!;
    closeTo(curve.deletion, want, 5);
    expect(curves.curves.map((c) => c.name)).toEqual(['rollout', 'class map', headMapName(trace, 2, 0), 'random']);
    expect(curves.curves.map((c) => c.head)).toEqual([undefined, undefined, { layer: 2, head: 0, row: trace.layout.clsToken === null ? 'mean' : 'cls' }, undefined]);
  });
});

describe('layouts that rule an analysis out', () => {
  it('say so in a sentence', () => {
    const single = makeTokenLayout([CLS], 1, 1);
    expect(attentionDistanceRuledOut(single, 2)).toMatch(/not patches on a grid/);
    expect(positionSimilarityRuledOut(single)).toMatch(/single patch position/);
  });
});
