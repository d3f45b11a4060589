/**
 * Runs vitKernels.c's functions on a WebAssembly memory (tfjs-wasm's), on one thread or several: the
 * main thread does the first share of a job and workers (kernelWorker.ts) the rest, all on the same
 * shared memory. The main thread busy-waits for them (Atomics.wait is not allowed there); jobs last
 * a few milliseconds.
 */
import { CONTROL, KERNEL_NAMES, SIGNATURES, type KernelName } from './kernelSignatures';

export interface KernelVariant {
  /** fused multiply-add (WebAssembly relaxed SIMD) or separate multiply and add */
  relaxedSimd: boolean;
  /** for a shared (threaded) memory */
  shared: boolean;
}

/**
 * The four modules build.sh makes, as files beside the code (the build emits them as assets): the
 * engine fetches only the one it runs (~7 kB gzip), where embedding all four in its script cost ~40 kB.
 */
const FILES: Record<string, URL> = {
  'true:true': new URL('./bin/relaxed-shared.wasm', import.meta.url),
  'true:false': new URL('./bin/relaxed-unshared.wasm', import.meta.url),
  'false:true': new URL('./bin/plain-shared.wasm', import.meta.url),
  'false:false': new URL('./bin/plain-unshared.wasm', import.meta.url),
};

export async function readBytes(url: URL): Promise<Uint8Array<ArrayBuffer>> {
  if (url.protocol === 'file:') {
    // the unit tests, in Node
    const fs = (await import(/* @vite-ignore */ 'node:fs/promises' as string)) as typeof import('node:fs/promises');
    return new Uint8Array(await fs.readFile(url));
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the ViT Lens kernels could not be fetched (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

const loaded = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();

/** A variant's module bytes (fetched once: start-up asks for them to validate, then to compile). */
export function kernelBinary({ relaxedSimd, shared }: KernelVariant): Promise<Uint8Array<ArrayBuffer>> {
  const key = `${relaxedSimd}:${shared}`;
  let bytes = loaded.get(key);
  if (!bytes) {
    bytes = readBytes(FILES[key]!);
    loaded.set(key, bytes);
  }
  return bytes;
}

/**
 * A tiny module with one 128-bit SIMD instruction (i8x16.splat … as in wasm-feature-detect): whether
 * this engine has the SIMD every variant needs, known without fetching a variant.
 */
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

export function hasSimd(): boolean {
  return typeof WebAssembly !== 'undefined' && WebAssembly.validate(SIMD_PROBE);
}

/** The best variant this engine can compile for the memory; null without 128-bit SIMD. */
export async function bestVariant(shared: boolean): Promise<KernelVariant | null> {
  if (!hasSimd()) return null;
  for (const relaxedSimd of [true, false]) {
    const variant = { relaxedSimd, shared };
    if (WebAssembly.validate(await kernelBinary(variant))) return variant;
  }
  return null;
}

/** Below this many multiply-adds per thread (~25 µs of work) a job uses fewer threads: handing work to a worker costs more. */
const MIN_WORK_PER_THREAD = 1_000_000;
const WORKER_TIMEOUT_MS = 60_000;

type Exports = Record<KernelName, (...args: number[]) => void>;

interface KernelWorker {
  worker: Worker;
  words: Int32Array;
  floats: Float32Array;
}

async function startWorker(
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
  control: number,
): Promise<KernelWorker | null> {
  const words = new Int32Array(memory.buffer, control, CONTROL.words);
  words.fill(0);
  const worker = new Worker(new URL('./kernelWorker.ts', import.meta.url), { type: 'module', name: 'vitlens-kernels' });
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 10_000);
    worker.onmessage = () => (clearTimeout(timer), resolve(true));
    worker.onerror = () => (clearTimeout(timer), resolve(false));
    worker.postMessage({ module, memory, control });
  });
  if (ready) return { worker, words, floats: new Float32Array(memory.buffer, control, CONTROL.words) };
  worker.terminate();
  return null;
}

export class KernelRuntime {
  private job = 0;
  private readonly workers: KernelWorker[] = [];
  /** resolves once every worker that could start has joined (jobs meanwhile use the threads there are) */
  ready: Promise<void> = Promise.resolve();
  private constructor(
    readonly variant: KernelVariant,
    private readonly exports: Exports,
    /** the threads asked for, counting the calling one */
    readonly plannedThreads: number,
  ) {}

  /**
   * Instantiates the kernels on `memory`; with a shared memory, also starts threads − 1 workers in
   * the background (they join as they become ready). `control(i)` is the address of CONTROL.words
   * free 32-bit words in that memory for worker i's jobs.
   */
  static async create(
    memory: WebAssembly.Memory,
    variant: KernelVariant,
    { threads, control }: { threads: number; control: (worker: number) => number },
    /** another module of kernels than vitKernels.c's (backwardKernels.c's, for the class map) */
    binary?: Uint8Array<ArrayBuffer>,
  ): Promise<KernelRuntime> {
    const module = await WebAssembly.compile(binary ?? (await kernelBinary(variant)));
    const instance = await WebAssembly.instantiate(module, { env: { memory } });
    const exports = instance.exports as unknown as Exports;
    const canThread = variant.shared && typeof Worker !== 'undefined';
    const runtime = new KernelRuntime(variant, exports, canThread ? Math.max(1, threads) : 1);
    if (canThread && threads > 1) {
      runtime.ready = Promise.all(
        Array.from({ length: threads - 1 }, async (_, i) => {
          const worker = await startWorker(module, memory, control(i));
          if (worker) runtime.workers.push(worker);
        }),
      ).then(() => undefined);
    }
    return runtime;
  }

  get threads(): number {
    return this.workers.length + 1;
  }

  /**
   * Runs kernel `name` over the range [0, total) of its work items, split between the threads;
   * `args(start, end, thread)` gives one thread's arguments (its range last). `work` is the job's
   * size in multiply-adds, to keep small jobs on fewer threads.
   */
  run(name: KernelName, total: number, work: number, args: (start: number, end: number, thread: number) => number[]): void {
    const fn = this.exports[name];
    const threads = Math.min(this.threads, total, Math.max(1, Math.floor(work / MIN_WORK_PER_THREAD)));
    if (threads === 1) {
      fn(...args(0, total, 0));
      return;
    }
    const cut = (t: number) => Math.round((total * t) / threads);
    const signature = SIGNATURES[name];
    const job = (this.job = (this.job % 0x3fffffff) + 1);
    const helpers = this.workers.slice(0, threads - 1);
    helpers.forEach(({ words, floats }, i) => {
      args(cut(i + 1), cut(i + 2), i + 1).forEach((value, a) => {
        if (signature[a] === 'f') floats[CONTROL.args + a] = value;
        else words[CONTROL.args + a] = value;
      });
      words[CONTROL.kernel] = KERNEL_NAMES.indexOf(name);
      Atomics.store(words, CONTROL.job, job);
      Atomics.notify(words, CONTROL.job);
    });
    fn(...args(0, cut(1), 0));
    const start = performance.now();
    for (const { words } of helpers) {
      for (let spins = 0; Atomics.load(words, CONTROL.done) !== job; spins++) {
        if ((spins & 0xffff) === 0 && performance.now() - start > WORKER_TIMEOUT_MS) {
          throw new Error(`a ViT Lens kernel worker did not finish ${name} within ${WORKER_TIMEOUT_MS / 1000} s`);
        }
      }
      if (Atomics.load(words, CONTROL.failed)) throw new Error(`the ViT Lens kernel ${name} failed in a worker (out of bounds?)`);
    }
  }

  dispose(): void {
    for (const { worker, words } of this.workers) {
      Atomics.store(words, CONTROL.job, -1);
      Atomics.notify(words, CONTROL.job);
      worker.terminate();
    }
  }
}
