/**
 * vitKernels.c against float64 computations written out here, on odd shapes (partial panels and
 * row tiles), for both SIMD variants; and the property tfjs depends on: a kernel writes its outputs
 * and nothing else in the memory it shares with tfjs.
 */
import { describe, expect, it } from 'vitest';
import { erf64 } from '../testing/reference64';
import { seededRandom } from '../seededRandom';
import { KernelRuntime, bestVariant, hasSimd, type KernelVariant } from './kernelRuntime';
import { attentionScratchFloats } from './kernelSignatures';
import { BINARY_SHA256, BUILD_SHA256, SOURCE_SHA256 } from './vitKernelsBinary';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const ACT = { none: 0, gelu: 1, gelu_tanh: 2, relu: 3 } as const;

function activation64(x: number, act: keyof typeof ACT): number {
  if (act === 'gelu') return 0.5 * x * (1 + erf64(x / Math.SQRT2));
  if (act === 'gelu_tanh') return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
  if (act === 'relu') return Math.max(x, 0);
  return x;
}

class Heap {
  readonly memory: WebAssembly.Memory;
  constructor(shared = true) {
    this.memory = new WebAssembly.Memory({ initial: 256, maximum: 65536, shared });
  }
  private top = 4096;
  readonly regions: [number, number][] = [];
  alloc(floats: number, values?: ArrayLike<number>): number {
    const at = this.top;
    this.top += Math.ceil((floats * 4 + 64) / 64) * 64;
    if (values) this.f32().set(values, at / 4);
    return at;
  }
  /** an output region: the only place a kernel may write */
  output(floats: number): number {
    const at = this.alloc(floats);
    this.regions.push([at, at + floats * 4]);
    return at;
  }
  f32(): Float32Array {
    return new Float32Array(this.memory.buffer);
  }
  read(at: number, floats: number): Float32Array {
    return this.f32().slice(at / 4, at / 4 + floats);
  }
}

function random(n: number, seed: number, scale = 1): Float32Array {
  const r = seededRandom(seed);
  return Float32Array.from({ length: n }, () => (r() * 2 - 1) * scale);
}

/** x [M, K] in the dense kernel's tiles of 6 rows (pack_a), in two ranges of tiles as two threads would */
function packA(rt: KernelRuntime, heap: Heap, M: number, K: number, px: number): number {
  const tiles = Math.ceil(M / 6);
  const pa = heap.output(tiles * 6 * K);
  const cut = Math.floor(tiles / 2);
  rt.run('pack_a', cut, 0, (t0, t1) => [M, K, px, pa, t0, t1]);
  rt.run('pack_a', tiles, 0, () => [M, K, px, pa, cut, tiles]);
  return pa;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

// tfjs-wasm's shared memory (threads) with both SIMD variants, and its plain memory (no cross-origin isolation)
const variants: [string, KernelVariant][] = [
  ['relaxed, shared memory', { relaxedSimd: true, shared: true }],
  ['plain, shared memory', { relaxedSimd: false, shared: true }],
  ['plain, unshared memory', { relaxedSimd: false, shared: false }],
];

async function runtimeFor(heap: Heap, variant: KernelVariant): Promise<KernelRuntime> {
  return KernelRuntime.create(heap.memory, variant, { threads: 1, control: () => 0 });
}

describe('the committed kernels', () => {
  it('were built from the vitKernels.c and the build.sh beside them (else run build.sh)', () => {
    const sha = (file: string) =>
      createHash('sha256')
        .update(readFileSync(new URL(file, import.meta.url)))
        .digest('hex');
    expect(sha('./vitKernels.c')).toBe(SOURCE_SHA256);
    expect(sha('./build.sh')).toBe(BUILD_SHA256);
    expect(Object.keys(BINARY_SHA256)).toHaveLength(4);
    for (const [file, hash] of Object.entries(BINARY_SHA256)) expect(sha(`./bin/${file}`), file).toBe(hash);
  });

  it('finds a variant for shared and unshared memory', async () => {
    expect(hasSimd()).toBe(true);
    expect(await bestVariant(true)).not.toBeNull();
    expect(await bestVariant(false)).not.toBeNull();
  });
});

describe.each(variants)('vitKernels.c (%s)', (_, variant) => {
  const denseCases: [number, number, number, keyof typeof ACT, boolean][] = [
    [1, 10, 5, 'none', false],
    [3, 13, 7, 'gelu', true],
    [6, 24, 64, 'gelu_tanh', false],
    [65, 64, 48, 'relu', true],
    [197, 40, 96, 'gelu', true],
  ];
  it.each(denseCases)('dense %i×%i (K %i, %s, residual %s) matches float64', async (M, N, K, act, withResidual) => {
    const heap = new Heap(variant.shared);
    const rt = await runtimeFor(heap, variant);
    const x = random(M * K, 1);
    const w = random(K * N, 2, 0.3);
    const b = random(N, 3);
    const res = random(M * N, 4);
    const panels = Math.ceil(N / 8);
    const px = heap.alloc(M * K, x);
    const pw = heap.alloc(K * N, w);
    const pb = heap.alloc(N, b);
    const pr = heap.alloc(M * N, res);
    const packed = heap.output(panels * K * 8);
    rt.run('pack_weights', panels, 0, (p0, p1) => [K, N, pw, packed, p0, p1]);
    const out = heap.output(M * N);
    const pa = packA(rt, heap, M, K, px);
    const cut = Math.floor(panels / 2);
    const pre = heap.output(M * N);
    const tiles = heap.output(Math.ceil(M / 6) * 6 * N);
    const args = (p0: number, p1: number) => [M, N, K, pa, packed, pb, ACT[act], withResidual ? pr : 0, out, pre, tiles, p0, p1];
    rt.run('dense', cut, 0, args);
    rt.run('dense', panels, 0, () => args(cut, panels)); // a worker's share
    const got = heap.read(out, M * N);
    const want = new Float64Array(M * N);
    const wantPre = new Float64Array(M * N);
    for (let m = 0; m < M; m++) {
      for (let n = 0; n < N; n++) {
        let s = b[n]!;
        for (let k = 0; k < K; k++) s += x[m * K + k]! * w[k * N + n]!;
        wantPre[m * N + n] = activation64(s, act);
        want[m * N + n] = activation64(s, act) + (withResidual ? res[m * N + n]! : 0);
      }
    }
    expect(maxAbsDiff(got, want)).toBeLessThan(1e-5);
    expect(maxAbsDiff(heap.read(pre, M * N), wantPre)).toBeLessThan(1e-5);
    // the tiles written beside out are exactly what pack_a would make of out
    expect(heap.read(tiles, Math.ceil(M / 6) * 6 * N)).toEqual(heap.read(packA(rt, heap, M, N, out), Math.ceil(M / 6) * 6 * N));
  });

  it('dense gives the same out with and without pre and tiles, and out + residual is pre + residual exactly', async () => {
    const [M, N, K] = [13, 24, 40];
    const heap = new Heap(variant.shared);
    const rt = await runtimeFor(heap, variant);
    const px = heap.alloc(M * K, random(M * K, 11));
    const pw = heap.alloc(K * N, random(K * N, 12, 0.3));
    const pb = heap.alloc(N, random(N, 13));
    const res = random(M * N, 14);
    const pr = heap.alloc(M * N, res);
    const packed = heap.output(3 * K * 8);
    rt.run('pack_weights', 3, 0, (p0, p1) => [K, N, pw, packed, p0, p1]);
    const pa = packA(rt, heap, M, K, px);
    const [plain, fused, pre] = [heap.output(M * N), heap.output(M * N), heap.output(M * N)];
    rt.run('dense', 3, 0, (p0, p1) => [M, N, K, pa, packed, pb, ACT.none, pr, plain, 0, 0, p0, p1]);
    rt.run('dense', 3, 0, (p0, p1) => [M, N, K, pa, packed, pb, ACT.none, pr, fused, pre, 0, p0, p1]);
    expect(heap.read(fused, M * N)).toEqual(heap.read(plain, M * N));
    const sum = Float32Array.from(heap.read(pre, M * N), (y, i) => Math.fround(res[i]! + y));
    expect(heap.read(fused, M * N)).toEqual(sum);
  });

  it('layer_norm matches float64 on odd widths', async () => {
    for (const [T, D] of [
      [5, 7],
      [65, 64],
      [3, 130],
    ] as const) {
      const heap = new Heap(variant.shared);
      const rt = await runtimeFor(heap, variant);
      const x = random(T * D, 5, 3);
      const g = random(D, 6);
      const be = random(D, 7);
      const out = heap.output(T * D);
      const tiles = heap.output(Math.ceil(T / 6) * 6 * D);
      const [px, pg, pb] = [heap.alloc(T * D, x), heap.alloc(D, g), heap.alloc(D, be)];
      const cut = 6 * Math.floor(T / 12); // a tile's first row, as the kernel's work items are tiles
      const args = (r0: number, r1: number) => [D, px, pg, pb, 1e-6, out, tiles, T, r0, r1];
      rt.run('layer_norm', cut, 0, args);
      rt.run('layer_norm', T, 0, () => args(cut, T)); // a worker's share
      const got = heap.read(out, T * D);
      // the tiles written beside out are exactly what pack_a would make of out
      expect(heap.read(tiles, Math.ceil(T / 6) * 6 * D)).toEqual(heap.read(packA(rt, heap, T, D, out), Math.ceil(T / 6) * 6 * D));
      const want = new Float64Array(T * D);
      for (let t = 0; t < T; t++) {
        const row = Array.from(x.subarray(t * D, (t + 1) * D));
        const mean = row.reduce((a, v) => a + v, 0) / D;
        const variance = row.reduce((a, v) => a + (v - mean) ** 2, 0) / D;
        row.forEach((v, i) => (want[t * D + i] = ((v - mean) / Math.sqrt(variance + 1e-6)) * g[i]! + be[i]!));
      }
      expect(maxAbsDiff(got, want)).toBeLessThan(1e-5);
    }
  });

  it.each([
    [5, 2, 3],
    [17, 3, 8],
    [65, 4, 16],
    [50, 2, 12],
    [33, 5, 8],
  ])('attention with T %i, %i heads of %i matches float64, split over two ranges of heads', async (T, h, d) => {
    const heap = new Heap(variant.shared);
    const rt = await runtimeFor(heap, variant);
    const D = h * d;
    const qkv = random(T * 3 * D, 8, 2);
    const pq = heap.alloc(T * 3 * D, qkv);
    const scratch = heap.output(attentionScratchFloats(T, d));
    const [heads, scores, scaled, attn, context, merged] = [3 * h * T * d, h * T * T, h * T * T, h * T * T, h * T * d, T * D].map(
      (n) => heap.output(n),
    );
    const mergedTiles = heap.output(Math.ceil(T / 6) * 6 * D);
    const scale = 1 / Math.sqrt(d);
    const args = (j0: number, j1: number) => [
      T,
      h,
      d,
      pq,
      scale,
      heads!,
      scores!,
      scaled!,
      attn!,
      context!,
      merged!,
      mergedTiles,
      scratch,
      j0,
      j1,
    ];
    const cut = Math.ceil(h / 3);
    rt.run('attention', cut, 0, (j0, j1) => args(j0, j1));
    rt.run('attention', h, 0, () => args(cut, h)); // a worker's share, as the worker would run it
    const at = (p: number, t: number, j: number, i: number) => qkv[t * 3 * D + p * D + j * d + i]!;
    const want = { scores: new Float64Array(h * T * T), attn: new Float64Array(h * T * T), context: new Float64Array(h * T * d) };
    for (let j = 0; j < h; j++) {
      for (let t = 0; t < T; t++) {
        const row = Array.from({ length: T }, (_, u) => {
          let s = 0;
          for (let i = 0; i < d; i++) s += at(0, t, j, i) * at(1, u, j, i);
          return s;
        });
        const max = Math.max(...row.map((s) => s * scale));
        const e = row.map((s) => Math.exp(s * scale - max));
        const sum = e.reduce((a, v) => a + v, 0);
        row.forEach((s, u) => {
          want.scores[(j * T + t) * T + u] = s;
          want.attn[(j * T + t) * T + u] = e[u]! / sum;
        });
        for (let i = 0; i < d; i++) {
          let c = 0;
          for (let u = 0; u < T; u++) c += (e[u]! / sum) * at(2, u, j, i);
          want.context[(j * T + t) * d + i] = c;
        }
      }
    }
    expect(maxAbsDiff(heap.read(scores!, h * T * T), want.scores)).toBeLessThan(1e-4);
    expect(
      maxAbsDiff(
        heap.read(scaled!, h * T * T),
        want.scores.map((s) => s * scale),
      ),
    ).toBeLessThan(1e-4);
    expect(maxAbsDiff(heap.read(attn!, h * T * T), want.attn)).toBeLessThan(1e-6);
    expect(maxAbsDiff(heap.read(context!, h * T * d), want.context)).toBeLessThan(1e-5);
    const mergedGot = heap.read(merged!, T * D);
    const ctx = heap.read(context!, h * T * d);
    const headsGot = heap.read(heads!, 3 * h * T * d);
    for (let j = 0; j < h; j++) {
      for (let t = 0; t < T; t++) {
        for (let i = 0; i < d; i++) {
          expect(mergedGot[t * D + j * d + i]).toBe(ctx[(j * T + t) * d + i]);
          for (let p = 0; p < 3; p++) expect(headsGot[((p * h + j) * T + t) * d + i]).toBe(at(p, t, j, i));
        }
      }
    }
    // the tiles written beside merged are exactly what pack_a would make of it
    const tileFloats = Math.ceil(T / 6) * 6 * D;
    expect(heap.read(mergedTiles, tileFloats)).toEqual(heap.read(packA(rt, heap, T, D, merged!), tileFloats));
  });

  it.each([
    [5, 2, 3, 3],
    [17, 3, 8, 2],
    [50, 2, 12, 4],
  ])(
    'attention_merged with T %i, %i heads of %i, a batch of %i, split over two ranges: each image’s merged is attention’s, to the bit',
    async (T, h, d, B) => {
      const heap = new Heap(variant.shared);
      const rt = await runtimeFor(heap, variant);
      const D = h * d;
      const qkv = random(B * T * 3 * D, 18, 2);
      const pq = heap.alloc(B * T * 3 * D, qkv);
      const scale = 1 / Math.sqrt(d);
      const scratch = heap.output(attentionScratchFloats(T, d) + T * T);
      const merged = heap.output(B * T * D);
      const cut = Math.floor((B * h) / 3);
      const args = (i0: number, i1: number) => [T, h, d, pq, scale, merged, scratch, i0, i1];
      rt.run('attention_merged', cut, 0, (i0, i1) => args(i0, i1));
      rt.run('attention_merged', B * h, 0, () => args(cut, B * h)); // a worker's share
      const got = heap.read(merged, B * T * D);
      for (let b = 0; b < B; b++) {
        const image = heap.alloc(T * 3 * D, qkv.subarray(b * T * 3 * D, (b + 1) * T * 3 * D));
        const outs = [3 * h * T * d, h * T * T, h * T * T, h * T * T, h * T * d, T * D].map((n) => heap.output(n));
        rt.run('attention', h, 0, (j0, j1) => [T, h, d, image, scale, ...outs, 0, scratch, j0, j1]);
        expect(Array.from(got.subarray(b * T * D, (b + 1) * T * D))).toEqual(Array.from(heap.read(outs[5]!, T * D)));
      }
    },
  );

  it('dense on more rows than one cache block (a batch of ViT-B images) matches float64', async () => {
    const heap = new Heap(variant.shared);
    const rt = await runtimeFor(heap, variant);
    // 262,144 / (6·K) tiles of 6 rows per block: 56 tiles of K 780, so 402 rows (67 tiles) are two blocks, the last partial
    const [M, N, K] = [402, 12, 780];
    const x = random(M * K, 21);
    const w = random(K * N, 22, 0.1);
    const px = heap.alloc(M * K, x);
    const pw = heap.alloc(K * N, w);
    const packed = heap.output(2 * K * 8);
    rt.run('pack_weights', 2, 0, (p0, p1) => [K, N, pw, packed, p0, p1]);
    const out = heap.output(M * N);
    const pa = packA(rt, heap, M, K, px);
    rt.run('dense', 2, 0, (p0, p1) => [M, N, K, pa, packed, 0, ACT.none, 0, out, 0, 0, p0, p1]);
    const want = new Float64Array(M * N);
    for (let m = 0; m < M; m++)
      for (let n = 0; n < N; n++) {
        let v = 0;
        for (let k = 0; k < K; k++) v += x[m * K + k]! * w[k * N + n]!;
        want[m * N + n] = v;
      }
    expect(maxAbsDiff(heap.read(out, M * N), want)).toBeLessThan(1e-4);
  });

  it('writes nothing outside its outputs (the memory is tfjs’s)', async () => {
    const heap = new Heap(variant.shared);
    const rt = await runtimeFor(heap, variant);
    const before = heap.f32().slice(0, 256 * 16384);
    before.fill(7.5);
    heap.f32().set(before);
    const [T, h, d] = [21, 3, 8];
    const D = h * d;
    const pq = heap.alloc(T * 3 * D, random(T * 3 * D, 9));
    const pw = heap.alloc(D * 40, random(D * 40, 10));
    const packed = heap.output(5 * D * 8);
    rt.run('pack_weights', 5, 0, (p0, p1) => [D, 40, pw, packed, p0, p1]);
    const out = heap.output(T * 40);
    const pa = packA(rt, heap, T, D, pq);
    rt.run('dense', 5, 0, (p0, p1) => [T, 40, D, pa, packed, 0, ACT.gelu, 0, out, 0, 0, p0, p1]);
    const ln = heap.output(T * D);
    rt.run('layer_norm', T, 0, (r0, r1) => [D, pq, pq, pq, 1e-5, ln, 0, T, r0, r1]);
    const scratch = heap.output(attentionScratchFloats(T, d));
    // qkvHeads, scores, scaled, attn, context, merged and merged's tiles
    const outs = [3 * h * T * d, h * T * T, h * T * T, h * T * T, h * T * d, T * D, Math.ceil(T / 6) * 6 * D].map((n) => heap.output(n));
    rt.run('attention', h, 0, (j0, j1) => [T, h, d, pq, 0.3, ...outs, scratch, j0, j1]);
    // the batched kernel on the same qkv read as a batch of 3 images of 7 tokens
    const batchScratch = heap.output(attentionScratchFloats(7, d) + 7 * 7);
    const merged = heap.output(T * D);
    rt.run('attention_merged', 3 * h, 0, (i0, i1) => [7, h, d, pq, 0.3, merged, batchScratch, i0, i1]);
    const after = heap.f32();
    const inOutput = (byte: number) => heap.regions.some(([a, b]) => byte >= a && byte < b);
    let strays = 0;
    for (let i = 0; i < before.length; i++) {
      if (after[i] !== before[i] && !inOutput(i * 4)) {
        // inputs were written by the test itself; compare only never-touched words
        if (before[i] === 7.5 && after[i] !== 7.5 && !isInput(i * 4)) strays++;
      }
    }
    expect(strays).toBe(0);
    function isInput(byte: number): boolean {
      return (byte >= pq && byte < pq + T * 3 * D * 4) || (byte >= pw && byte < pw + D * 40 * 4);
    }
  });
});
