/**
 * Runs vitKernels.c's functions on a WebAssembly memory (tfjs-wasm's), on one thread or two: the
 * main thread does the first share of a job and a worker (kernelWorker.ts) the rest, both on the
 * same shared memory. The main thread busy-waits for the worker (Atomics.wait is not allowed there);
 * jobs last a few milliseconds.
 */
import * as binaries from './vitKernelsBinary';
import { CONTROL, KERNEL_NAMES, SIGNATURES, type KernelName } from './kernelSignatures';

export interface KernelVariant {
  /** fused multiply-add (WebAssembly relaxed SIMD) or separate multiply and add */
  relaxedSimd: boolean;
  /** for a shared (threaded) memory */
  shared: boolean;
}

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export function kernelBinary({ relaxedSimd, shared }: KernelVariant): Uint8Array<ArrayBuffer> {
  if (relaxedSimd) return decode(shared ? binaries.RELAXED_SHARED : binaries.RELAXED_UNSHARED);
  return decode(shared ? binaries.PLAIN_SHARED : binaries.PLAIN_UNSHARED);
}

/** The best variant this engine can compile for the memory; null without 128-bit SIMD. */
export function bestVariant(shared: boolean): KernelVariant | null {
  for (const relaxedSimd of [true, false]) {
    const variant = { relaxedSimd, shared };
    if (WebAssembly.validate(kernelBinary(variant))) return variant;
  }
  return null;
}

/** Below this many multiply-adds a job runs on the main thread alone: waking the worker costs more. */
const MIN_SPLIT_WORK = 150_000;
const WORKER_TIMEOUT_MS = 60_000;

type Exports = Record<KernelName, (...args: number[]) => void>;

export class KernelRuntime {
  private job = 0;
  private constructor(
    readonly variant: KernelVariant,
    private readonly exports: Exports,
    private readonly worker: Worker | null,
    private readonly words: Int32Array | null,
    private readonly floats: Float32Array | null,
  ) {}

  /**
   * Instantiates the kernels on `memory`; with `threads` 2 and a shared memory, also starts the
   * worker. `control` is CONTROL.words free 32-bit words in that memory, for the worker's jobs.
   */
  static async create(
    memory: WebAssembly.Memory,
    variant: KernelVariant,
    { threads, control }: { threads: number; control: number },
  ): Promise<KernelRuntime> {
    const module = await WebAssembly.compile(kernelBinary(variant));
    const instance = await WebAssembly.instantiate(module, { env: { memory } });
    const exports = instance.exports as unknown as Exports;
    if (threads < 2 || !variant.shared || typeof Worker === 'undefined')
      return new KernelRuntime(variant, exports, null, null, null);
    const words = new Int32Array(memory.buffer, control, CONTROL.words);
    words.fill(0);
    const worker = new Worker(new URL('./kernelWorker.ts', import.meta.url), { type: 'module', name: 'vitlens-kernels' });
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 10_000);
      worker.onmessage = () => (clearTimeout(timer), resolve(true));
      worker.onerror = () => (clearTimeout(timer), resolve(false));
      worker.postMessage({ module, memory, control });
    });
    if (!ready) {
      worker.terminate();
      return new KernelRuntime(variant, exports, null, null, null);
    }
    return new KernelRuntime(variant, exports, worker, words, new Float32Array(memory.buffer, control, CONTROL.words));
  }

  get threads(): number {
    return this.worker ? 2 : 1;
  }

  /**
   * Runs kernel `name` over the range [0, total) of its work items, split between the threads;
   * `args(start, end, thread)` gives one thread's arguments (its range last). `work` is the job's
   * size in multiply-adds, to keep small jobs on one thread.
   */
  run(name: KernelName, total: number, work: number, args: (start: number, end: number, thread: number) => number[]): void {
    const fn = this.exports[name];
    if (!this.worker || total < 2 || work < MIN_SPLIT_WORK) {
      fn(...args(0, total, 0));
      return;
    }
    const split = Math.ceil(total / 2);
    const words = this.words!;
    const floats = this.floats!;
    const theirs = args(split, total, 1);
    const signature = SIGNATURES[name];
    theirs.forEach((value, i) => {
      if (signature[i] === 'f') floats[CONTROL.args + i] = value;
      else words[CONTROL.args + i] = value;
    });
    words[CONTROL.kernel] = KERNEL_NAMES.indexOf(name);
    const job = (this.job = (this.job % 0x3fffffff) + 1);
    Atomics.store(words, CONTROL.job, job);
    Atomics.notify(words, CONTROL.job);
    fn(...args(0, split, 0));
    const start = performance.now();
    for (let spins = 0; Atomics.load(words, CONTROL.done) !== job; spins++) {
      if ((spins & 0xffff) === 0 && performance.now() - start > WORKER_TIMEOUT_MS) {
        throw new Error(`the ViT Lens kernel worker did not finish ${name} within ${WORKER_TIMEOUT_MS / 1000} s`);
      }
    }
    if (Atomics.load(words, CONTROL.failed)) throw new Error(`the ViT Lens kernel ${name} failed in the worker (out of bounds?)`);
  }

  dispose(): void {
    if (this.worker && this.words) {
      Atomics.store(this.words, CONTROL.job, -1);
      Atomics.notify(this.words, CONTROL.job);
      this.worker.terminate();
    }
  }
}
