/// <reference lib="webworker" />
/**
 * One worker thread of the ViT Lens kernels (one per extra core, up to 7, see kernelRuntime.ts): the
 * same WebAssembly module, instantiated on the same (shared) tfjs memory, claims chunks of each job
 * the calling thread posts in the job block (jobBlock.ts).
 * Between jobs it spins briefly, then blocks in Atomics.wait, so it costs nothing while idle.
 */
import { ARGS_PER_THREAD, CONTROL, KERNEL_NAMES } from './kernelSignatures';
import { jobBlock, workOnJob } from './jobBlock';

/**
 * The jobs of one layer follow each other within a fraction of a millisecond: spinning this long
 * answers the next at once, where waking from Atomics.wait takes tens to hundreds of microseconds.
 * Longer gaps (between layers, after a pass) put the worker to sleep, off the cores.
 */
const SPIN_MS = 0.5;

interface Start {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: number;
  /** this worker's thread number (the calling thread is 0): which arguments in the job block are its */
  thread: number;
}

self.onmessage = (event: MessageEvent<Start>) => {
  const { module, memory, control, thread } = event.data;
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as Record<string, (...a: number[]) => void>;
  const block = jobBlock(memory, control);
  const { words } = block;
  self.postMessage('ready');
  let seen = Atomics.load(words, CONTROL.job);
  for (;;) {
    let spinUntil = performance.now() + SPIN_MS;
    for (let i = 1; Atomics.load(words, CONTROL.job) === seen; i++) {
      if ((i & 255) === 0 && performance.now() > spinUntil) {
        Atomics.add(words, CONTROL.sleepers, 1);
        Atomics.wait(words, CONTROL.job, seen);
        Atomics.sub(words, CONTROL.sleepers, 1);
        // woken without a job (KernelRuntime.run's wake-up ahead of one): spin for it
        spinUntil = performance.now() + SPIN_MS;
      }
    }
    seen = Atomics.load(words, CONTROL.job);
    if (seen < 0) return;
    try {
      workOnJob(block, exports, seen, thread);
    } catch (error) {
      // workOnJob marked the job failed, and the calling thread runs it again alone (kernelRuntime.ts);
      // what went wrong is said here, with the arguments this thread was given and the memory's size
      const args = words.slice(CONTROL.args + thread * ARGS_PER_THREAD, CONTROL.args + (thread + 1) * ARGS_PER_THREAD);
      const kernel = KERNEL_NAMES[words[CONTROL.kernel]!];
      console.error(
        `ViT Lens kernel worker ${thread}: ${String(error)} (${kernel}, arguments ${args.join(', ')}; memory now ${memory.buffer.byteLength} bytes)`,
      );
    }
  }
};
