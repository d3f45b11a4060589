/**
 * vitKernels.c as tfjs kernels of the wasm backend: they read and write tfjs tensors in place (in
 * tfjs-wasm's own memory), so they compose with every other op, tf.tidy and disposal. Started once
 * per wasm backend by startVitKernels; while active, kernelPlan.ts picks the FUSED plan.
 * They have no gradients: the gradient passes use the batched plan.
 */
import * as tf from '@tensorflow/tfjs-core';
import { KernelRuntime, bestVariant, hasSimd, type KernelVariant } from './kernelRuntime';
import { CONTROL, attentionScratchFloats } from './kernelSignatures';
import { threadLimitNow } from './threadLimit';
import type { DenseAttrs } from './fusedOps';
import { KernelScratch, PACKED_A_SLOT, ROWS, TILE_SLOTS } from './kernelScratch';

/** The parts of tfjs-wasm's BackendWasm these kernels use. */
export interface WasmBackend {
  wasm: {
    /** the threaded build's (shared) memory */
    wasmMemory?: WebAssembly.Memory;
    /** the single-threaded build exports its memory here */
    asm?: { memory?: WebAssembly.Memory };
    _malloc(bytes: number): number;
    _free(pointer: number): void;
  };
  dataIdMap: { get(dataId: object): { memoryOffset: number } };
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

export interface VitKernelsInfo {
  relaxedSimd: boolean;
  threads: number;
  /** jobs a worker failed and the calling thread ran again alone (kernelRuntime.ts): 0 unless something is wrong */
  workerFailures: number;
}

interface Active {
  backend: WasmBackend;
  runtime: KernelRuntime;
  controls: number[];
  scratch: KernelScratch;
}

let active: Active | null = null;

const PANEL = 8;
const panels = (n: number) => Math.ceil(n / PANEL);

function pointer(t: tf.TensorInfo): number {
  return active!.backend.dataIdMap.get(t.dataId).memoryOffset;
}

const KERNELS: tf.KernelConfig[] = [
  {
    kernelName: 'VitLensPackWeights',
    backendName: 'wasm',
    kernelFunc: ({ inputs }) => {
      const { w } = inputs as { w: tf.TensorInfo };
      const [K, N] = w.shape as [number, number];
      const out = active!.backend.makeOutput([panels(N), K, PANEL], 'float32');
      active!.runtime.run('pack_weights', panels(N), 0, (p0, p1) => [K, N, pointer(w), pointer(out), p0, p1]);
      return out;
    },
  },
  {
    kernelName: 'VitLensUnpackWeights',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs }) => {
      const { packed } = inputs as { packed: tf.TensorInfo };
      const { n } = attrs as unknown as { n: number };
      const [P, K] = packed.shape as [number, number];
      const out = active!.backend.makeOutput([K, n], 'float32');
      active!.runtime.run('unpack_weights', P, 0, (p0, p1) => [K, n, pointer(packed), pointer(out), p0, p1]);
      return out;
    },
  },
  {
    kernelName: 'VitLensDense',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs }) => {
      const { x, packed, bias, residual } = inputs as Record<string, tf.TensorInfo | undefined>;
      const { n, activation, keepBeforeResidual, tilesForNext } = attrs as unknown as DenseAttrs;
      const [M, K] = x!.shape as [number, number];
      const make = () => active!.backend.makeOutput([M, n], 'float32');
      const out = make();
      const pre = keepBeforeResidual ? make() : null;
      const [px, pw, pb, pr, po, pp] = [x!, packed!, bias, residual, out, pre].map((t) => (t ? pointer(t) : 0));
      // x in tiles of 6 rows first (the product reads them from one pointer), unless the product that made x wrote them
      const tiles = Math.ceil(M / ROWS);
      const { scratch } = active!;
      const from = scratch.tilesOf(x!.dataId, K);
      let pa = from?.at;
      if (!pa) {
        pa = scratch.at(PACKED_A_SLOT, tiles * ROWS * K);
        // work counts multiply-adds; moving a float costs about 16 of them here, which puts ViT-B's packs on every thread
        active!.runtime.run('pack_a', tiles, 16 * M * K, (t0, t1) => [M, K, px!, pa!, t0, t1]);
      }
      const pt = scratch.tilesFor(out.dataId, M, n, KernelScratch.otherTileSlot(from), tilesForNext);
      active!.runtime.run('dense', panels(n), M * n * K, (p0, p1) => [M, n, K, pa!, pw!, pb!, activation, pr!, po!, pp!, pt, p0, p1]);
      return pre ? [out, pre] : out;
    },
  },
  {
    kernelName: 'VitLensLayerNorm',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs }) => {
      const { x, gamma, beta } = inputs as Record<string, tf.TensorInfo>;
      const { eps, tilesForNext } = attrs as unknown as { eps: number; tilesForNext?: boolean };
      const [T, D] = x!.shape as [number, number];
      const out = active!.backend.makeOutput([T, D], 'float32');
      const [px, pg, pb, po] = [x!, gamma!, beta!, out].map(pointer);
      const pt = active!.scratch.tilesFor(out.dataId, T, D, TILE_SLOTS[0], tilesForNext);
      // work items are tiles of 6 rows, so that each tile is packed by the thread that normalised its rows
      active!.runtime.run('layer_norm', Math.ceil(T / ROWS), T * D, (t0, t1) => [D, px!, pg!, pb!, eps, po!, pt, T, t0 * ROWS, Math.min(t1 * ROWS, T)]);
      return out;
    },
  },
  {
    kernelName: 'VitLensAttention',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs }) => {
      const { qkv } = inputs as { qkv: tf.TensorInfo };
      const { heads: h } = attrs as unknown as { heads: number };
      const [T, threeD] = qkv.shape as [number, number];
      const D = threeD / 3;
      const d = D / h;
      const make = (shape: number[]) => active!.backend.makeOutput(shape, 'float32');
      const outs = [make([3, h, T, d]), make([h, T, T]), make([h, T, T]), make([h, T, T]), make([h, T, d]), make([T, D])];
      const pointers = outs.map(pointer);
      const scratchFloats = attentionScratchFloats(T, d);
      const scratch = Array.from({ length: active!.runtime.plannedThreads }, (_, thread) => active!.scratch.at(thread, scratchFloats));
      const pq = pointer(qkv);
      // merged as tiles too: the output projection reads it next
      const pt = active!.scratch.tilesFor(outs[5]!.dataId, T, D, TILE_SLOTS[0], true);
      active!.runtime.run('attention', h, 2 * T * T * D, (j0, j1, thread) => [
        T,
        h,
        d,
        pq,
        1 / Math.sqrt(d),
        ...pointers,
        pt,
        scratch[thread]!,
        j0,
        j1,
      ]);
      return outs;
    },
  },
  {
    kernelName: 'VitLensAttentionMerged',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs }) => {
      const { qkv } = inputs as { qkv: tf.TensorInfo };
      const { heads: h, batch } = attrs as unknown as { heads: number; batch: number };
      const [rows, threeD] = qkv.shape as [number, number];
      const [T, D] = [rows / batch, threeD / 3];
      const d = D / h;
      const merged = active!.backend.makeOutput([rows, D], 'float32');
      const scratchFloats = attentionScratchFloats(T, d) + T * T;
      const scratch = Array.from({ length: active!.runtime.plannedThreads }, (_, thread) => active!.scratch.at(thread, scratchFloats));
      const [pq, pm] = [qkv, merged].map(pointer);
      active!.runtime.run('attention_merged', batch * h, 2 * batch * T * T * D, (i0, i1, thread) => [
        T,
        h,
        d,
        pq!,
        1 / Math.sqrt(d),
        pm!,
        scratch[thread]!,
        i0,
        i1,
      ]);
      return merged;
    },
  },
];

let registered = false;

/**
 * Whether startVitKernels can run the kernels on several threads here: the page is cross-origin
 * isolated (so tfjs-wasm's memory is shared) and the engine has 128-bit SIMD.
 */
export function vitKernelsCanThread(): boolean {
  return typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated && hasSimd();
}

/**
 * Starts the kernels on the current tfjs backend when it is wasm (with `threads` threads when its
 * memory is shared); null elsewhere, or where the engine lacks 128-bit SIMD.
 */
export async function startVitKernels({ threads = 1 }: { threads?: number } = {}): Promise<VitKernelsInfo | null> {
  if (tf.getBackend() !== 'wasm') return null;
  const backend = tf.backend() as unknown as WasmBackend;
  if (active?.backend === backend) return vitKernelsInfo();
  stopVitKernels();
  const memory = backend.wasm.wasmMemory ?? backend.wasm.asm?.memory;
  if (!memory) return null;
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  const variant = await bestVariant(shared).catch(() => null);
  if (!variant) return null;
  const controls: number[] = [];
  // 8 bytes more, to align the block to 8 bytes (its claim word is 64 bits)
  const control = (i: number) => (((controls[i] = backend.wasm._malloc(CONTROL.words * 4 + 8) >>> 0) + 7) & ~7) >>> 0;
  const runtime = await KernelRuntime.create(memory, variant, { threads, control });
  runtime.threadLimit = () => threadLimitNow(runtime.plannedThreads);
  if (!registered) KERNELS.forEach((k) => tf.registerKernel(k));
  registered = true;
  active = { backend, runtime, controls, scratch: new KernelScratch(backend.wasm) };
  return vitKernelsInfo();
}

export function stopVitKernels(): void {
  if (!active) return;
  stopHooks.forEach((stop) => stop());
  active.runtime.dispose();
  // the backend may already be gone (its memory with it)
  if (tf.engine().registry['wasm'] === (active.backend as unknown)) {
    active.scratch.free();
    active.controls.forEach((p) => active!.backend.wasm._free(p));
  }
  active = null;
}

/** Whether the kernels run on the current backend. */
export function vitKernelsActive(): boolean {
  return active !== null && tf.getBackend() === 'wasm' && (tf.backend() as unknown) === active.backend;
}

/** What runs; `threads` counts workers still starting (they join within a fraction of a second). */
export function vitKernelsInfo(): VitKernelsInfo | null {
  const runtime = active?.runtime;
  return runtime ? { relaxedSimd: runtime.variant.relaxedSimd, threads: runtime.plannedThreads, workerFailures: runtime.workerFailures } : null;
}

/** Resolves when the kernels' workers have started (a benchmark waits for them; the page need not). */
export async function vitKernelsReady(): Promise<void> {
  await active?.runtime.ready;
}

/**
 * A float32 tensor's numbers where they lie in tfjs-wasm's memory, without copying; null when the
 * tensor is not on the backend the kernels run on, or when that memory is not shared (a plain
 * memory's buffer is replaced, and old views emptied, whenever it grows). Valid until the tensor is disposed.
 */
export function heapView(t: tf.Tensor): Float32Array | null {
  if (!vitKernelsActive() || t.dtype !== 'float32') return null;
  const buffer = (active!.backend.wasm.wasmMemory ?? active!.backend.wasm.asm?.memory)?.buffer;
  if (typeof SharedArrayBuffer === 'undefined' || !(buffer instanceof SharedArrayBuffer)) return null;
  return new Float32Array(buffer, pointer(t), t.size);
}

/** What kernels outside this file (backwardTfjsKernels.ts, loaded on demand) run on: the forward kernels' backend and memory. */
export interface VitKernelsHost {
  backend: WasmBackend;
  memory: WebAssembly.Memory;
  variant: KernelVariant;
  /** the threads the forward kernels were asked for */
  threads: number;
  /** where a tensor's numbers lie in that memory */
  pointer: (t: tf.TensorInfo) => number;
}

export function vitKernelsHost(): VitKernelsHost | null {
  if (!vitKernelsActive()) return null;
  const { backend, runtime } = active!;
  const memory = (backend.wasm.wasmMemory ?? backend.wasm.asm?.memory)!;
  return { backend, memory, variant: runtime.variant, threads: runtime.plannedThreads, pointer };
}

const stopHooks = new Set<() => void>();

/** Calls `stop` when the kernels stop (before their memory is released), e.g. to end another runtime's workers. */
export function onVitKernelsStop(stop: () => void): void {
  stopHooks.add(stop);
}
