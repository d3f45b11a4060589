/**
 * Runs vitKernels.c's functions on a WebAssembly memory (tfjs-wasm's), on one thread or several: the
 * calling thread and workers (kernelWorker.ts) share each job through one job block in that shared
 * memory, claiming its chunks (jobShares.ts) until none is left. The calling thread busy-waits only
 * for chunks other threads are still running (Atomics.wait is not allowed on a page's main thread).
 */
import { CONTROL, SIGNATURES, type KernelName } from './kernelSignatures';
import { claimRest, jobShares, openClaims } from './jobShares';
import { jobBlock, workOnJob, writeArgs, writeJobHeader, type JobBlock } from './jobBlock';

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

const WORKER_TIMEOUT_MS = 60_000;
/** A one-thread job this big (multiply-adds) wakes sleeping workers for the job after it (ViT-Ti's packing of x is 30,000). */
const WAKE_AHEAD_WORK = 25_000;

type Exports = Record<KernelName, (...args: number[]) => void>;

async function startWorker(
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
  control: number,
  thread: number,
): Promise<Worker | null> {
  const worker = new Worker(new URL('./kernelWorker.ts', import.meta.url), { type: 'module', name: 'vitlens-kernels' });
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 10_000);
    worker.onmessage = () => (clearTimeout(timer), resolve(true));
    worker.onerror = () => (clearTimeout(timer), resolve(false));
    worker.postMessage({ module, memory, control, thread });
  });
  if (ready) return worker;
  worker.terminate();
  return null;
}

/** Jobs a worker may fail (each run again on the calling thread) before the workers get no more. */
export const WORKER_FAILURES_TOLERATED = 3;

export class KernelRuntime {
  private job = 0;
  private readonly workers: Worker[] = [];
  /** the job block all threads share; null with one thread */
  private block: JobBlock | null = null;
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
   * the background (they join as they become ready). `control(0)` is the address of CONTROL.words
   * free 32-bit words in that memory, 8-byte aligned, for the job block all threads share.
   */
  static async create(
    memory: WebAssembly.Memory,
    variant: KernelVariant,
    { threads, control }: { threads: number; control: (block: number) => number },
    /** another module of kernels than vitKernels.c's (backwardKernels.c's, for the class map) */
    binary?: Uint8Array<ArrayBuffer>,
  ): Promise<KernelRuntime> {
    const module = await WebAssembly.compile(binary ?? (await kernelBinary(variant)));
    const instance = await WebAssembly.instantiate(module, { env: { memory } });
    const exports = instance.exports as unknown as Exports;
    const canThread = variant.shared && typeof Worker !== 'undefined';
    const planned = canThread ? Math.max(1, Math.min(threads, CONTROL.maxThreads)) : 1;
    const runtime = new KernelRuntime(variant, exports, planned);
    if (planned > 1) {
      const address = control(0);
      const block = jobBlock(memory, address);
      block.words.fill(0);
      runtime.block = block;
      runtime.ready = Promise.all(
        Array.from({ length: planned - 1 }, async (_, i) => {
          const worker = await startWorker(module, memory, address, i + 1);
          if (worker) runtime.workers.push(worker);
        }),
      ).then(() => undefined);
    }
    return runtime;
  }

  /** at most this many threads take part in a job, asked before each (threadLimit.ts: a benchmark's cap, a core left to the page) */
  threadLimit: () => number = () => CONTROL.maxThreads;

  /** the threads that have joined, counting the calling one */
  get threads(): number {
    return this.workers.length + 1;
  }

  /**
   * Runs kernel `name` over the range [0, total) of its work items, cut into chunks that the threads
   * claim; `args(start, end, thread)` gives a thread's arguments (its range last), `thread` below
   * plannedThreads. `work` is the job's size in multiply-adds, to keep small jobs on fewer threads.
   */
  run(name: KernelName, total: number, work: number, args: (start: number, end: number, thread: number) => number[]): void {
    // workers that failed again and again are left out: the calling thread alone is slower but right
    const threads = this.workerFailures >= WORKER_FAILURES_TOLERATED ? 1 : Math.min(this.threads, this.threadLimit());
    const shares = jobShares(total, work, threads);
    const block = this.block;
    if (shares.threads === 1 || !block) {
      // on a model big enough to thread, a job for one thread (packing x, a LayerNorm) comes just before
      // one for all: wake sleeping workers now, so that they are spinning when it comes
      if (block && work >= WAKE_AHEAD_WORK && threads > 1 && Atomics.load(block.words, CONTROL.sleepers) > 0) {
        Atomics.notify(block.words, CONTROL.job);
      }
      if (total > 0) this.exports[name](...checkedArgs(name, args(0, total, 0)));
      return;
    }
    const { words } = block;
    const job = (this.job = (this.job % 0x3fffffff) + 1);
    writeJobHeader(block, name, total, shares);
    for (let t = 0; t < this.plannedThreads; t++) writeArgs(block, name, t, checkedArgs(name, args(0, 0, t)));
    Atomics.store(words, CONTROL.done, 0);
    openClaims(block.claims, block.claimsAt, job);
    Atomics.store(words, CONTROL.job, job);
    if (Atomics.load(words, CONTROL.sleepers) > 0) Atomics.notify(words, CONTROL.job);
    let failure: unknown = null;
    try {
      workOnJob(block, this.exports, job, 0);
    } catch (error) {
      failure = error;
      Atomics.add(words, CONTROL.done, claimRest(block.claims, block.claimsAt, job, shares.chunks));
    }
    const start = performance.now();
    for (let spins = 0; Atomics.load(words, CONTROL.done) < shares.chunks; spins++) {
      if ((spins & 0xffff) === 0 && performance.now() - start > WORKER_TIMEOUT_MS) {
        throw new Error(`a ViT Lens kernel worker did not finish ${name} within ${WORKER_TIMEOUT_MS / 1000} s`);
      }
    }
    if (failure) throw failure;
    if (words[CONTROL.failed]) {
      // A worker's call failed where this thread's did not (the worker logs its error): the whole job
      // again on this thread, whose kernels write their outputs afresh from their inputs. (The trap seen
      // on ViT-B's first pass about once in 30–150 pages, 'memory access out of bounds', was a worker
      // held up across jobs claiming a chunk with a half-written header: writeJobHeader in jobBlock.ts.)
      this.workerFailures++;
      try {
        this.exports[name](...checkedArgs(name, args(0, total, 0)));
      } catch (error) {
        throw new Error(`the ViT Lens kernel ${name} failed in a worker and again on its own: ${String(error)}`);
      }
    }
  }

  /** jobs a worker failed and the calling thread ran again alone (from WORKER_FAILURES_TOLERATED on, no job goes to the workers) */
  workerFailures = 0;

  dispose(): void {
    if (this.block) {
      Atomics.store(this.block.words, CONTROL.job, -1);
      Atomics.notify(this.block.words, CONTROL.job);
    }
    for (const worker of this.workers) worker.terminate();
  }
}

/** `args`, unless their count is not `name`'s (WebAssembly would take a missing one as 0, and an extra would go unread). */
function checkedArgs(name: KernelName, args: number[]): number[] {
  if (args.length !== SIGNATURES[name].length) {
    throw new Error(`the ViT Lens kernel ${name} takes ${SIGNATURES[name].length} arguments, not ${args.length}`);
  }
  return args;
}
