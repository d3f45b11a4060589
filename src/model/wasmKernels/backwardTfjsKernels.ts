/**
 * backwardKernels.c as tfjs kernels of the wasm backend, like tfjsKernels.ts for the forward ones:
 * in place on tfjs-wasm's memory, composing with tf.tidy and disposal. Its module is fetched and
 * started (on the main thread and in workers of its own, sharing that memory) the first time a
 * class map asks for it (startBackwardKernels); this file is only reached through a dynamic import.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '../config';
import { KernelRuntime, readBytes } from './kernelRuntime';
import { CONTROL } from './kernelSignatures';
import { onVitKernelsStop, vitKernelsHost, type VitKernelsHost } from './tfjsKernels';

const FILES: Record<string, URL> = {
  'true:true': new URL('./bin/backward-relaxed-shared.wasm', import.meta.url),
  'true:false': new URL('./bin/backward-relaxed-unshared.wasm', import.meta.url),
  'false:true': new URL('./bin/backward-plain-shared.wasm', import.meta.url),
  'false:false': new URL('./bin/backward-plain-unshared.wasm', import.meta.url),
};

interface Started {
  host: VitKernelsHost;
  runtime: KernelRuntime;
  /** what this file allocated in tfjs's memory: control blocks, per-thread scratch, the Wᵀ buffer */
  allocations: number[];
  /** per thread: [pointer, floats] of attention backward's space */
  scratch: [number, number][];
  /** [pointer, floats]: one layer's Wᵀ at a time, reused for every dense layer */
  transposed: [number, number] | null;
  /** [pointer, floats]: dY packed in the dense kernel's row tiles (pack_a), reused */
  packedDy: [number, number] | null;
}

let started: Started | null = null;
let starting: Promise<boolean> | null = null;
let hooked = false;
let registered = false;

const PANEL = 8;
/** rows of dY a tile of the dense kernel holds (pack_a in vitKernels.c) */
const ROWS = 6;
const panels = (n: number) => Math.ceil(n / PANEL);
const ACTIVATION_CODES: Partial<Record<Activation, number>> = { gelu: 1, gelu_tanh: 2, relu: 3 };

/** Fetches and starts the backward kernels beside the forward ones; false where those do not run. */
export function startBackwardKernels(): Promise<boolean> {
  const host = vitKernelsHost();
  if (!host) return Promise.resolve(false);
  if (started?.host.backend === host.backend) return Promise.resolve(true);
  starting ??= start(host).finally(() => (starting = null));
  return starting;
}

async function start(host: VitKernelsHost): Promise<boolean> {
  stopBackwardKernels();
  const bytes = await readBytes(FILES[`${host.variant.relaxedSimd}:${host.variant.shared}`]!);
  const allocations: number[] = [];
  const malloc = (bytes: number) => {
    const p = host.backend.wasm._malloc(bytes) >>> 0;
    allocations.push(p);
    return p;
  };
  const runtime = await KernelRuntime.create(
    host.memory,
    host.variant,
    // One core fewer than the forward kernels: the backward pass leaves a core to the page, whose
    // clicks during the curves (which start with a class map) must land within 200 ms; on 2 cores its
    // both threads made that 236–368 ms in CI. The job block is 8-byte aligned (its 64-bit claim word, jobBlock.ts).
    { threads: Math.max(1, host.threads - 1), control: () => ((malloc(CONTROL.words * 4 + 8) + 7) & ~7) >>> 0 },
    bytes,
  );
  if (!registered) KERNELS.forEach((k) => tf.registerKernel(k));
  registered = true;
  if (!hooked) onVitKernelsStop(stopBackwardKernels);
  hooked = true;
  started = { host, runtime, allocations, scratch: [], transposed: null, packedDy: null };
  return true;
}

/** Ends the backward kernels' workers and frees their memory (called when the forward kernels stop). */
export function stopBackwardKernels(): void {
  if (!started) return;
  const { runtime, host, allocations, scratch, transposed, packedDy } = started;
  runtime.dispose();
  if (tf.engine().registry['wasm'] === (host.backend as unknown)) {
    [...allocations, ...scratch.map(([p]) => p), ...(transposed ? [transposed[0]] : []), ...(packedDy ? [packedDy[0]] : [])].forEach((p) =>
      host.backend.wasm._free(p),
    );
  }
  started = null;
}

/** Resolves when the backward kernels' workers have started (for a benchmark). */
export async function backwardKernelsReady(): Promise<void> {
  await started?.runtime.ready;
}

function s(): Started {
  if (!started) throw new Error('the backward kernels are not started (startBackwardKernels)');
  return started;
}

const pointer = (t: tf.TensorInfo | undefined) => (t ? s().host.pointer(t) : 0);
const make = (shape: number[]) => s().host.backend.makeOutput(shape, 'float32');

/** A buffer of at least `floats` floats in tfjs's memory, kept in `slot` and grown when too small. */
function buffer(have: [number, number] | null | undefined, floats: number, keep: (b: [number, number]) => void): number {
  if (have && have[1] >= floats) return have[0];
  const { backend } = s().host;
  if (have) backend.wasm._free(have[0]);
  const p = backend.wasm._malloc(floats * 4) >>> 0;
  keep([p, floats]);
  return p;
}

const KERNELS: tf.KernelConfig[] = [
  {
    kernelName: 'VitLensDenseBackward',
    backendName: 'wasm',
    kernelFunc: ({ inputs }) => {
      const { dy, packed, dres } = inputs as Record<string, tf.TensorInfo | undefined>;
      const [M, N] = dy!.shape as [number, number];
      const K = packed!.shape[1]!;
      const { runtime } = s();
      const wT = buffer(s().transposed, panels(K) * N * PANEL, (b) => (s().transposed = b));
      runtime.run('pack_weights_transposed', panels(K), K * N, (p0, p1) => [K, N, pointer(packed), wT, p0, p1]);
      const out = make([M, K]);
      const [pdy, pres, po] = [dy, dres, out].map(pointer);
      // dY in the dense kernel's tiles of ROWS rows first (it reads them from one pointer), then the product
      const tiles = Math.ceil(M / ROWS);
      const pa = buffer(s().packedDy, tiles * ROWS * N, (b) => (s().packedDy = b));
      runtime.run('pack_a', tiles, M * N, (t0, t1) => [M, N, pdy!, pa, t0, t1]);
      runtime.run('dense', panels(K), M * N * K, (p0, p1) => [M, K, N, pa, wT, 0, 0, pres!, po!, 0, 0, p0, p1]);
      return out;
    },
  },
  {
    kernelName: 'VitLensActivation',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs }) => {
      const { x } = inputs as { x: tf.TensorInfo };
      const { activation } = attrs as unknown as { activation: number };
      const size = x.shape.reduce((a, b) => a * b, 1);
      const out = make(x.shape);
      const [px, po] = [x, out].map(pointer);
      s().runtime.run('activation', size, 20 * size, (i0, i1) => [activation, px!, po!, i0, i1]);
      return out;
    },
  },
  {
    kernelName: 'VitLensActivationBackward',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs }) => {
      const { pre, dy } = inputs as Record<string, tf.TensorInfo>;
      const { activation } = attrs as unknown as { activation: number };
      const size = pre!.shape.reduce((a, b) => a * b, 1);
      const out = make(pre!.shape);
      const [pp, pdy, po] = [pre, dy, out].map(pointer);
      s().runtime.run('activation_backward', size, 20 * size, (i0, i1) => [activation, pp!, pdy!, po!, i0, i1]);
      return out;
    },
  },
  {
    kernelName: 'VitLensLayerNormBackward',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs }) => {
      const { x, gamma, dy, dres } = inputs as Record<string, tf.TensorInfo | undefined>;
      const { eps } = attrs as unknown as { eps: number };
      const [T, D] = x!.shape as [number, number];
      const out = make([T, D]);
      const [px, pg, pdy, pres, po] = [x, gamma, dy, dres, out].map(pointer);
      s().runtime.run('layer_norm_backward', T, 8 * T * D, (r0, r1) => [D, px!, pg!, eps, pdy!, pres!, po!, r0, r1]);
      return out;
    },
  },
  {
    kernelName: 'VitLensAttentionBackward',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs }) => {
      const { qkv, attn, dmerged } = inputs as Record<string, tf.TensorInfo>;
      const { heads: h } = attrs as unknown as { heads: number };
      const [T, threeD] = qkv!.shape as [number, number];
      const D = threeD / 3;
      const d = D / h;
      const dattn = make([h, T, T]);
      const dqkv = make([T, threeD]);
      const floats = PANEL * Math.max(panels(T) * d, panels(d) * T) + 2 * T * T;
      const { runtime } = s();
      // one per thread that may take part: workers still joining count (run() writes every planned thread's arguments)
      const scratch = Array.from({ length: runtime.plannedThreads }, (_, i) =>
        buffer(s().scratch[i], floats, (b) => (s().scratch[i] = b)),
      );
      const [pq, pa, pdm, pda, pdq] = [qkv, attn, dmerged, dattn, dqkv].map(pointer);
      runtime.run('attention_backward', h, 4 * T * T * D, (j0, j1, thread) => [
        T,
        h,
        d,
        pq!,
        pa!,
        pdm!,
        1 / Math.sqrt(d),
        pda!,
        pdq!,
        scratch[thread]!,
        j0,
        j1,
      ]);
      return [dattn, dqkv];
    },
  },
];

/** dX = dY·Wᵀ + dres for a dense layer x·W + b whose W [K, N] is packed (packWeights): ∂ with respect to its input. */
export function denseBackward(dy: tf.Tensor2D, packed: tf.Tensor3D, dres?: tf.Tensor2D): tf.Tensor2D {
  const inputs: tf.NamedTensorMap = { dy, packed };
  if (dres) inputs.dres = dres;
  return tf.engine().runKernel('VitLensDenseBackward', inputs) as tf.Tensor2D;
}

/** act(x) element-wise; the activation must be one hasBackwardActivation accepts. */
export function activationKernel(x: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  return tf.engine().runKernel('VitLensActivation', { x }, { activation: ACTIVATION_CODES[activation]! }) as tf.Tensor2D;
}

/** dy ⊙ act′(pre) */
export function activationBackward(pre: tf.Tensor2D, dy: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  return tf
    .engine()
    .runKernel('VitLensActivationBackward', { pre, dy }, { activation: ACTIVATION_CODES[activation]! }) as tf.Tensor2D;
}

/** ∂ with respect to x of LayerNorm(x)·γ + β, given dy; plus dres (a residual stream's gradient) when given. */
export function layerNormBackward(
  x: tf.Tensor2D,
  gamma: tf.Tensor1D,
  dy: tf.Tensor2D,
  eps: number,
  dres?: tf.Tensor2D,
): tf.Tensor2D {
  const inputs: tf.NamedTensorMap = { x, gamma, dy };
  if (dres) inputs.dres = dres;
  return tf.engine().runKernel('VitLensLayerNormBackward', inputs, { eps }) as tf.Tensor2D;
}

/** From the fused projection qkv [T, 3D], the weights attn [h, T, T] and ∂ / ∂ merged [T, D]: ∂ / ∂ attn and ∂ / ∂ qkv. */
export function attentionBackward(
  qkv: tf.Tensor2D,
  attn: tf.Tensor3D,
  dmerged: tf.Tensor2D,
  heads: number,
): { dattn: tf.Tensor3D; dqkv: tf.Tensor2D } {
  const [dattn, dqkv] = tf.engine().runKernel('VitLensAttentionBackward', { qkv, attn, dmerged }, { heads }) as tf.Tensor[];
  return { dattn: dattn as tf.Tensor3D, dqkv: dqkv as tf.Tensor2D };
}
