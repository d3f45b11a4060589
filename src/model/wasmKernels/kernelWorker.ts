/// <reference lib="webworker" />
/**
 * One worker thread of the ViT Lens kernels (one per extra core, up to 7, see kernelRuntime.ts): the
 * same WebAssembly module, instantiated on the same (shared) tfjs memory, runs its share of each job
 * the main thread posts through the control block.
 * Between jobs it spins briefly, then blocks in Atomics.wait, so it costs nothing while idle.
 */
import { CONTROL, KERNEL_NAMES, SIGNATURES } from './kernelSignatures';

const SPIN_MS = 2;

interface Start {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: number;
}

self.onmessage = (event: MessageEvent<Start>) => {
  const { module, memory, control } = event.data;
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as Record<string, (...a: number[]) => void>;
  const words = new Int32Array(memory.buffer, control, CONTROL.words);
  const floats = new Float32Array(memory.buffer, control, CONTROL.words);
  self.postMessage('ready');
  let seen = Atomics.load(words, CONTROL.job);
  for (;;) {
    // Jobs of one forward pass come a fraction of a millisecond apart: spinning for a while answers
    // the next at once, where waking from Atomics.wait takes a few hundred microseconds.
    const spinUntil = performance.now() + SPIN_MS;
    for (let i = 1; Atomics.load(words, CONTROL.job) === seen; i++) {
      if ((i & 1023) === 0 && performance.now() > spinUntil) {
        Atomics.wait(words, CONTROL.job, seen);
        break;
      }
    }
    seen = Atomics.load(words, CONTROL.job);
    if (seen < 0) return;
    const name = KERNEL_NAMES[words[CONTROL.kernel]!]!;
    const signature = SIGNATURES[name];
    const args = Array.from(signature, (type, i) => (type === 'f' ? floats[CONTROL.args + i]! : words[CONTROL.args + i]!));
    try {
      exports[name]!(...args);
      Atomics.store(words, CONTROL.failed, 0);
    } catch {
      Atomics.store(words, CONTROL.failed, 1);
    }
    Atomics.store(words, CONTROL.done, seen);
  }
};
