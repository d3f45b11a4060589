/**
 * The exported functions of vitKernels.c and their argument types (i: int or pointer, f: float), shared
 * by the main thread and the kernel worker, which receives arguments as raw 32-bit words.
 * The last two arguments of each are the range of work (panels, rows) one thread does.
 */
export const SIGNATURES = {
  pack_weights: 'iiiiii',
  unpack_weights: 'iiiiii',
  dense: 'iiiiiiiiiiiii',
  layer_norm: 'iiiifiiiii',
  attention: 'iiiifiiiiiiiiii',
  attention_merged: 'iiiifiiii',
  pack_a: 'iiiiii',
  // backwardKernels.c (its own module, loaded with the first class map; see backwardTfjsKernels.ts)
  pack_weights_transposed: 'iiiiii',
  activation: 'iiiii',
  activation_backward: 'iiiiii',
  layer_norm_backward: 'iiifiiiii',
  attention_backward: 'iiiiiifiiiii',
} as const;

export type KernelName = keyof typeof SIGNATURES;
export const KERNEL_NAMES = Object.keys(SIGNATURES) as KernelName[];

/**
 * Floats of one thread's scratch for `attention` (vitKernels.c's ATTEND_SCRATCH): a head's Kᵀ and V in
 * panels of 8 columns, and its Q or attention in tiles of 6 rows. `attention_merged` needs T·T more.
 */
export function attentionScratchFloats(T: number, d: number): number {
  const [panel, rows] = [8, 6];
  return panel * (Math.ceil(T / panel) * d + Math.ceil(d / panel) * T) + rows * Math.ceil(T / rows) * Math.max(T, d);
}

/**
 * The job block every thread shares: 32-bit words in tfjs's memory (8-byte aligned, for the 64-bit
 * claim word). The calling thread writes a job's kernel, chunking and each thread's arguments, then
 * bumps `job`; see jobShares.ts for how chunks are claimed.
 */
export const CONTROL = {
  /** the current job's number, bumped by the calling thread for each job (negative: workers stop) */
  job: 0,
  /** workers blocked in Atomics.wait on `job` (the calling thread wakes them only when there are some) */
  sleepers: 1,
  /** the claim word (64 bits, words 2 and 3): the job's number and its next unclaimed chunk */
  claims: 2,
  /** chunks finished (or given up after a failure) */
  done: 4,
  /** nonzero when a chunk trapped in a worker */
  failed: 5,
  kernel: 6,
  total: 7,
  /** work items the smallest chunk holds */
  chunk: 8,
  chunks: 9,
  /** threads the chunks were sized for (jobShares) */
  threads: 10,
  /** thread t's arguments at args + t·ARGS_PER_THREAD (its range, the last two, is replaced by each chunk's) */
  args: 11,
  /** threads that can take part, the calling one included */
  maxThreads: 8,
  words: 11 + 8 * 16,
} as const;

export const ARGS_PER_THREAD = 16;
