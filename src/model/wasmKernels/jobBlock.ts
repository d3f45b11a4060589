/**
 * The job block (CONTROL in kernelSignatures.ts) as seen by one thread, and the loop every thread
 * runs on a job: claim a chunk, run the kernel on its range, count it done, until none is left.
 */
import { ARGS_PER_THREAD, CONTROL, KERNEL_NAMES, SIGNATURES, type KernelName } from './kernelSignatures';
import { chunkRange, claimChunk } from './jobShares';

export interface JobBlock {
  words: Int32Array;
  floats: Float32Array;
  claims: BigInt64Array;
  /** index of the claim word in `claims` */
  claimsAt: number;
}

export function jobBlock(memory: WebAssembly.Memory, control: number): JobBlock {
  if (control % 8 !== 0) throw new Error('the ViT Lens kernels’ job block must be 8-byte aligned');
  const buffer = memory.buffer as ArrayBuffer;
  return {
    words: new Int32Array(buffer, control, CONTROL.words),
    floats: new Float32Array(buffer, control, CONTROL.words),
    claims: new BigInt64Array(buffer, control + CONTROL.claims * 4, 1),
    claimsAt: 0,
  };
}

/** Writes thread `thread`'s arguments for kernel `name` (its range is filled in per chunk). */
export function writeArgs(block: JobBlock, name: KernelName, thread: number, args: number[]): void {
  const signature = SIGNATURES[name];
  const at = CONTROL.args + thread * ARGS_PER_THREAD;
  args.forEach((value, a) => {
    if (signature[a] === 'f') block.floats[at + a] = value;
    else block.words[at + a] = value;
  });
}

function readArgs(block: JobBlock, name: KernelName, thread: number): number[] {
  const at = CONTROL.args + thread * ARGS_PER_THREAD;
  return Array.from(SIGNATURES[name], (type, a) => (type === 'f' ? block.floats[at + a]! : block.words[at + a]!));
}

/**
 * Claims and runs chunks of job `job` as thread `thread` until none is left. Every chunk claimed is
 * counted done, even one that throws; the first error is rethrown once the loop stops claiming.
 */
export function workOnJob(block: JobBlock, exports: Record<string, (...args: number[]) => void>, job: number, thread: number): void {
  const { words } = block;
  const name = KERNEL_NAMES[words[CONTROL.kernel]!]!;
  const total = words[CONTROL.total]!;
  const chunks = words[CONTROL.chunks]!;
  const shares = { threads: words[CONTROL.threads]!, chunk: words[CONTROL.chunk]!, chunks };
  const args = readArgs(block, name, thread);
  const fn = exports[name]!;
  for (let c = claimChunk(block.claims, block.claimsAt, job, chunks); c >= 0; c = claimChunk(block.claims, block.claimsAt, job, chunks)) {
    const [start, end] = chunkRange(c, shares, total);
    args[args.length - 2] = start;
    args[args.length - 1] = end;
    try {
      fn(...args);
    } finally {
      Atomics.add(words, CONTROL.done, 1);
    }
  }
}
