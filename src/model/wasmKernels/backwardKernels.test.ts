/**
 * backwardKernels.c against float64 computations written out here, on odd shapes (partial panels,
 * row tiles), for both SIMD variants and both memories; a job split in two ranges (as threads
 * split it) gives the same numbers as one; and the kernels write their outputs and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { erf64 } from '../testing/reference64';
import { seededRandom } from '../seededRandom';
import { KernelRuntime, readBytes, type KernelVariant } from './kernelRuntime';
import { BINARY_SHA256, BUILD_SHA256, INCLUDED_SHA256, SOURCE_SHA256 } from './backwardKernelsBinary';

const ACT = { gelu: 1, gelu_tanh: 2, relu: 3 } as const;

/** act′(x) in float64 */
function derivative64(x: number, act: keyof typeof ACT): number {
  if (act === 'relu') return x > 0 ? 1 : 0;
  if (act === 'gelu') return 0.5 * (1 + erf64(x / Math.SQRT2)) + (x * Math.exp(-0.5 * x * x)) / Math.sqrt(2 * Math.PI);
  const c = Math.sqrt(2 / Math.PI);
  const t = Math.tanh(c * (x + 0.044715 * x ** 3));
  return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * c * (1 + 3 * 0.044715 * x * x);
}

class Heap {
  readonly memory: WebAssembly.Memory;
  private top = 4096;
  readonly regions: [number, number][] = [];
  constructor(shared: boolean) {
    this.memory = new WebAssembly.Memory({ initial: 256, maximum: 65536, shared });
  }
  alloc(floats: number, values?: ArrayLike<number>): number {
    const at = this.top;
    this.top += Math.ceil((floats * 4 + 64) / 64) * 64;
    if (values) this.f32().set(values, at / 4);
    return at;
  }
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

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

const variants: [string, KernelVariant][] = [
  ['relaxed, shared memory', { relaxedSimd: true, shared: true }],
  ['plain, shared memory', { relaxedSimd: false, shared: true }],
  ['plain, unshared memory', { relaxedSimd: false, shared: false }],
];

async function runtimeFor(heap: Heap, variant: KernelVariant): Promise<KernelRuntime> {
  const file = `./bin/backward-${variant.relaxedSimd ? 'relaxed' : 'plain'}-${variant.shared ? 'shared' : 'unshared'}.wasm`;
  const bytes = await readBytes(new URL(file, import.meta.url));
  return KernelRuntime.create(heap.memory, variant, { threads: 1, control: () => 0 }, bytes);
}

/** Runs a kernel over [0, total) as two threads would: two ranges cut at `cut`. */
function inTwo(
  rt: KernelRuntime,
  name: Parameters<KernelRuntime['run']>[0],
  total: number,
  cut: number,
  args: (a: number, b: number) => number[],
) {
  rt.run(name, cut, 0, (a, b) => args(a, b));
  rt.run(name, total - cut, 0, (a, b) => args(cut + a, cut + b));
}

describe('the committed backward kernels', () => {
  it('were built from the backwardKernels.c, vitKernels.c and build.sh beside them (else run build.sh)', () => {
    const sha = (file: string) =>
      createHash('sha256')
        .update(readFileSync(new URL(file, import.meta.url)))
        .digest('hex');
    expect(sha('./backwardKernels.c')).toBe(SOURCE_SHA256);
    expect(sha('./vitKernels.c')).toBe(INCLUDED_SHA256);
    expect(sha('./build.sh')).toBe(BUILD_SHA256);
    expect(Object.keys(BINARY_SHA256)).toHaveLength(4);
    for (const [file, hash] of Object.entries(BINARY_SHA256)) expect(sha(`./bin/${file}`), file).toBe(hash);
  });
});

describe.each(variants)('backwardKernels.c (%s)', (_, variant) => {
  it.each([
    [1, 10, 5, false],
    [7, 13, 19, true],
    [65, 24, 64, true],
    [197, 40, 33, false],
  ])('dense backward %i rows, W %i×%i (residual %s): dY·Wᵀ + dres matches float64', async (M, K, N, withResidual) => {
    const heap = new Heap(variant.shared);
    const rt = await runtimeFor(heap, variant);
    const w = random(K * N, 1, 0.3);
    const dy = random(M * N, 2);
    const dres = random(M * K, 3);
    const [pw, pdy, pres] = [heap.alloc(K * N, w), heap.alloc(M * N, dy), heap.alloc(M * K, dres)];
    const packed = heap.output(Math.ceil(N / 8) * K * 8);
    rt.run('pack_weights', Math.ceil(N / 8), 0, (p0, p1) => [K, N, pw, packed, p0, p1]);
    const transposed = heap.output(Math.ceil(K / 8) * N * 8);
    inTwo(rt, 'pack_weights_transposed', Math.ceil(K / 8), Math.ceil(K / 16), (p0, p1) => [K, N, packed, transposed, p0, p1]);
    const out = heap.output(M * K);
    const tiles = Math.ceil(M / 6); // the dense kernel reads dY packed in tiles of 6 rows (pack_a)
    const packedDy = heap.output(tiles * 6 * N);
    rt.run('pack_a', tiles, 0, (t0, t1) => [M, N, pdy, packedDy, t0, t1]);
    rt.run('dense', Math.ceil(K / 8), 0, (p0, p1) => [M, K, N, packedDy, transposed, 0, 0, withResidual ? pres : 0, out, 0, 0, p0, p1]);
    const want = new Float64Array(M * K);
    for (let m = 0; m < M; m++)
      for (let k = 0; k < K; k++) {
        let s = withResidual ? dres[m * K + k]! : 0;
        for (let n = 0; n < N; n++) s += dy[m * N + n]! * w[k * N + n]!;
        want[m * K + k] = s;
      }
    expect(maxAbsDiff(heap.read(out, M * K), want)).toBeLessThan(1e-5);
  });

  it.each(Object.keys(ACT) as (keyof typeof ACT)[])('%s and its derivative match float64', async (act) => {
    const heap = new Heap(variant.shared);
    const rt = await runtimeFor(heap, variant);
    const n = 1031;
    const x = random(n, 4, 5);
    const dy = random(n, 5);
    const [px, pdy] = [heap.alloc(n, x), heap.alloc(n, dy)];
    const [y, dx] = [heap.output(n), heap.output(n)];
    inTwo(rt, 'activation', n, 513, (i0, i1) => [ACT[act], px, y, i0, i1]);
    inTwo(rt, 'activation_backward', n, 401, (i0, i1) => [ACT[act], px, pdy, dx, i0, i1]);
    const forward = Array.from(x, (v) =>
      act === 'relu'
        ? Math.max(0, v)
        : act === 'gelu'
          ? 0.5 * v * (1 + erf64(v / Math.SQRT2))
          : 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3))),
    );
    expect(maxAbsDiff(heap.read(y, n), forward)).toBeLessThan(1e-5);
    expect(
      maxAbsDiff(
        heap.read(dx, n),
        Array.from(x, (v, i) => dy[i]! * derivative64(v, act)),
      ),
    ).toBeLessThan(1e-5);
  });

  it('layer_norm_backward matches float64 central differences on odd widths', async () => {
    for (const [T, D, withResidual] of [
      [5, 7, true],
      [9, 64, false],
      [3, 771, true],
    ] as const) {
      const heap = new Heap(variant.shared);
      const rt = await runtimeFor(heap, variant);
      const x = random(T * D, 6, 2);
      const gamma = random(D, 7);
      const dy = random(T * D, 8);
      const dres = random(T * D, 9);
      const eps = 1e-6;
      const [px, pg, pdy, pres] = [heap.alloc(T * D, x), heap.alloc(D, gamma), heap.alloc(T * D, dy), heap.alloc(T * D, dres)];
      const out = heap.output(T * D);
      inTwo(rt, 'layer_norm_backward', T, 2, (r0, r1) => [D, px, pg, eps, pdy, withResidual ? pres : 0, out, r0, r1]);
      // ∂/∂x_i of Σ dy·LN(x)·γ, row by row, by central differences in float64
      const lossOfRow = (row: Float64Array, r: number) => {
        const mean = row.reduce((a, b) => a + b, 0) / D;
        const variance = row.reduce((a, b) => a + (b - mean) ** 2, 0) / D;
        const inv = 1 / Math.sqrt(variance + eps);
        return row.reduce((a, v, i) => a + dy[r * D + i]! * (v - mean) * inv * gamma[i]!, 0);
      };
      const want = new Float64Array(T * D);
      for (let r = 0; r < T; r++) {
        const row = Float64Array.from(x.subarray(r * D, (r + 1) * D));
        for (let i = 0; i < D; i++) {
          const h = 1e-5;
          const v = row[i]!;
          row[i] = v + h;
          const up = lossOfRow(row, r);
          row[i] = v - h;
          const down = lossOfRow(row, r);
          row[i] = v;
          want[r * D + i] = (up - down) / (2 * h) + (withResidual ? dres[r * D + i]! : 0);
        }
      }
      expect(maxAbsDiff(heap.read(out, T * D), want), `T ${T}, D ${D}`).toBeLessThan(2e-4);
    }
  });

  it('attention_backward matches float64 on odd sizes, one head per range or all at once', async () => {
    for (const [T, h, d] of [
      [7, 2, 4],
      [21, 3, 8],
      [37, 2, 12],
    ] as const) {
      const heap = new Heap(variant.shared);
      const rt = await runtimeFor(heap, variant);
      const D = h * d;
      const scale = 1 / Math.sqrt(d);
      const qkv = random(T * 3 * D, 10);
      // softmax rows of random scores, as the forward pass gives
      const attn = random(h * T * T, 11, 3).map(Math.exp);
      for (let r = 0; r < h * T; r++) {
        const row = attn.subarray(r * T, (r + 1) * T);
        const sum = row.reduce((a, b) => a + b, 0);
        row.forEach((v, i) => (row[i] = v / sum));
      }
      const dm = random(T * D, 12);
      const [pq, pa, pdm] = [heap.alloc(T * 3 * D, qkv), heap.alloc(h * T * T, attn), heap.alloc(T * D, dm)];
      const [da, dq] = [heap.output(h * T * T), heap.output(T * 3 * D)];
      const scratch = heap.output(8 * Math.max(Math.ceil(T / 8) * d, Math.ceil(d / 8) * T) + 2 * T * T);
      inTwo(rt, 'attention_backward', h, 1, (j0, j1) => [T, h, d, pq, pa, pdm, scale, da, dq, scratch, j0, j1]);
      const wantDa = new Float64Array(h * T * T);
      const wantDq = new Float64Array(T * 3 * D);
      const at = (part: number, t: number, j: number, c: number) => qkv[t * 3 * D + part * D + j * d + c]!;
      for (let j = 0; j < h; j++) {
        const ds = new Float64Array(T * T);
        for (let t = 0; t < T; t++) {
          let dot = 0;
          for (let s = 0; s < T; s++) {
            let v = 0;
            for (let c = 0; c < d; c++) v += dm[t * D + j * d + c]! * at(2, s, j, c);
            wantDa[(j * T + t) * T + s] = v;
            dot += v * attn[(j * T + t) * T + s]!;
          }
          for (let s = 0; s < T; s++) {
            const a = attn[(j * T + t) * T + s]!;
            ds[t * T + s] = a * (wantDa[(j * T + t) * T + s]! - dot) * scale;
          }
        }
        for (let t = 0; t < T; t++)
          for (let c = 0; c < d; c++) {
            let dQ = 0;
            let dK = 0;
            let dV = 0;
            for (let s = 0; s < T; s++) {
              dQ += ds[t * T + s]! * at(1, s, j, c);
              dK += ds[s * T + t]! * at(0, s, j, c);
              dV += attn[(j * T + s) * T + t]! * dm[s * D + j * d + c]!;
            }
            wantDq[t * 3 * D + j * d + c] = dQ;
            wantDq[t * 3 * D + D + j * d + c] = dK;
            wantDq[t * 3 * D + 2 * D + j * d + c] = dV;
          }
      }
      expect(maxAbsDiff(heap.read(da, h * T * T), wantDa), `T ${T}`).toBeLessThan(1e-5);
      expect(maxAbsDiff(heap.read(dq, T * 3 * D), wantDq), `T ${T}`).toBeLessThan(1e-5);
    }
  });

  it('writes nothing outside its outputs (the memory is tfjs’s)', async () => {
    const heap = new Heap(variant.shared);
    const rt = await runtimeFor(heap, variant);
    heap.f32().fill(7.5, 0, 256 * 16384);
    const [T, h, d, M] = [21, 3, 8, 40];
    const D = h * d;
    const inputs: [number, number][] = [];
    const input = (n: number, seed: number) => {
      const at = heap.alloc(n, random(n, seed));
      inputs.push([at, at + n * 4]);
      return at;
    };
    const [pq, pa, pdm, pw, pg, pbig] = [
      input(T * 3 * D, 1),
      input(h * T * T, 2),
      input(T * D, 3),
      input(D * M, 4),
      input(D, 5),
      input(T * M, 6),
    ];
    const packed = heap.output(Math.ceil(M / 8) * D * 8);
    rt.run('pack_weights', Math.ceil(M / 8), 0, (p0, p1) => [D, M, pw, packed, p0, p1]);
    const transposed = heap.output(Math.ceil(D / 8) * M * 8);
    rt.run('pack_weights_transposed', Math.ceil(D / 8), 0, (p0, p1) => [D, M, packed, transposed, p0, p1]);
    const dense = heap.output(T * D);
    rt.run('dense', Math.ceil(D / 8), 0, (p0, p1) => [T, D, M, pbig, transposed, 0, 0, pdm, dense, 0, 0, p0, p1]);
    const [act, dact] = [heap.output(T * M), heap.output(T * M)];
    rt.run('activation', T * M, 0, (i0, i1) => [ACT.gelu, pbig, act, i0, i1]);
    rt.run('activation_backward', T * M, 0, (i0, i1) => [ACT.gelu, pbig, pbig, dact, i0, i1]);
    const ln = heap.output(T * D);
    rt.run('layer_norm_backward', T, 0, (r0, r1) => [D, pdm, pg, 1e-5, pdm, pdm, ln, r0, r1]);
    const [da, dq] = [heap.output(h * T * T), heap.output(T * 3 * D)];
    const scratch = heap.output(8 * Math.max(Math.ceil(T / 8) * d, Math.ceil(d / 8) * T) + 2 * T * T);
    rt.run('attention_backward', h, 0, (j0, j1) => [T, h, d, pq, pa, pdm, 0.3, da, dq, scratch, j0, j1]);
    const after = heap.f32();
    const inside = (byte: number, regions: [number, number][]) => regions.some(([a, b]) => byte >= a && byte < b);
    let strays = 0;
    for (let i = 0; i < 256 * 16384; i++) {
      if (after[i] !== 7.5 && !inside(i * 4, heap.regions) && !inside(i * 4, inputs)) strays++;
    }
    expect(strays).toBe(0);
  });
});
