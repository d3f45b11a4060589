/**
 * The job block (CONTROL in kernelSignatures.ts) as seen by one thread, and the loop every thread
 * runs on a job: claim a chunk, run the kernel on its range, count it done, until none is left.
 */
import { ARGS_PER_THREAD, CONTROL, KERNEL_NAMES, SIGNATURES, type KernelName } from './kernelSignatures';
import { chunkRange, claimChunk, type JobShares } from './jobShares';

export interface JobBlock {
  words: Int32Array;
  claims: BigInt64Array;
  /** index of the claim word in `claims` */
  claimsAt: number;
}

export function jobBlock(memory: WebAssembly.Memory, control: number): JobBlock {
  if (control % 8 !== 0) throw new Error('the ViT Lens kernels’ job block must be 8-byte aligned');
  const buffer = memory.buffer as ArrayBuffer;
  return {
    words: new Int32Array(buffer, control, CONTROL.words),
    claims: new BigInt64Array(buffer, control + CONTROL.claims * 4, 1),
    claimsAt: 0,
  };
}

/** A float argument's bits as a 32-bit word and back (Atomics reads and writes only integer arrays). */
const floatBits = new Float32Array(1);
const wordBits = new Int32Array(floatBits.buffer);

function toWord(value: number, type: string): number {
  if (type !== 'f') return value;
  floatBits[0] = value;
  return wordBits[0]!;
}

function fromWord(word: number, type: string): number {
  if (type !== 'f') return word;
  wordBits[0] = word;
  return floatBits[0]!;
}

const KERNEL_INDEX = Object.fromEntries(KERNEL_NAMES.map((name, i) => [name, i])) as Record<KernelName, number>;

/**
 * Writes a job's header (its kernel, its chunking, not failed), having first closed the claim word. A
 * worker that saw the last job but was held up before reading its header may read this one's
 * half-written; were the claim word still open for the last job, it could claim a chunk that job never
 * had (this header's chunk count can be larger) and run it with these arguments: a trap, or a range
 * written twice and counted as one of this job's. Closed, no job's claim succeeds until openClaims.
 * The header and arguments are written and read with Atomics, so that a worker that read any of the
 * new values also sees the claim word closed (on weakly ordered processors too).
 */
export function writeJobHeader(block: JobBlock, name: KernelName, total: number, shares: JobShares): void {
  const { words } = block;
  Atomics.store(block.claims, block.claimsAt, 0n);
  Atomics.store(words, CONTROL.kernel, KERNEL_INDEX[name]);
  Atomics.store(words, CONTROL.total, total);
  Atomics.store(words, CONTROL.chunk, shares.chunk);
  Atomics.store(words, CONTROL.chunks, shares.chunks);
  Atomics.store(words, CONTROL.threads, shares.threads);
  Atomics.store(words, CONTROL.failed, 0);
}

/** Writes thread `thread`'s arguments for kernel `name` (its range is filled in per chunk), after writeJobHeader. */
export function writeArgs(block: JobBlock, name: KernelName, thread: number, args: number[]): void {
  const signature = SIGNATURES[name];
  const at = CONTROL.args + thread * ARGS_PER_THREAD;
  args.forEach((value, a) => Atomics.store(block.words, at + a, toWord(value, signature[a]!)));
}

function readArgs(block: JobBlock, name: KernelName, thread: number): number[] {
  const at = CONTROL.args + thread * ARGS_PER_THREAD;
  return Array.from(SIGNATURES[name], (type, a) => fromWord(Atomics.load(block.words, at + a), type));
}

/**
 * Claims and runs chunks of job `job` as thread `thread` until none is left. Every chunk claimed is
 * counted done, even one that throws: that one marks the job failed first, and its error ends the loop.
 */
export function workOnJob(block: JobBlock, exports: Record<string, (...args: number[]) => void>, job: number, thread: number): void {
  const { words } = block;
  const name = KERNEL_NAMES[Atomics.load(words, CONTROL.kernel)]!;
  const total = Atomics.load(words, CONTROL.total);
  const chunks = Atomics.load(words, CONTROL.chunks);
  const shares = { threads: Atomics.load(words, CONTROL.threads), chunk: Atomics.load(words, CONTROL.chunk), chunks };
  const args = readArgs(block, name, thread);
  const fn = exports[name]!;
  for (let c = claimChunk(block.claims, block.claimsAt, job, chunks); c >= 0; c = claimChunk(block.claims, block.claimsAt, job, chunks)) {
    const [start, end] = chunkRange(c, shares, total);
    args[args.length - 2] = start;
    args[args.length - 1] = end;
    try {
      fn(...args);
    } catch (error) {
      // marked before it is counted done: the calling thread reads `failed` once every chunk is done
      Atomics.store(words, CONTROL.failed, 1);
      throw error;
    } finally {
      Atomics.add(words, CONTROL.done, 1);
    }
  }
}
