/**
 * The exported functions of vitKernels.c and their argument types (i: int or pointer, f: float), shared
 * by the main thread and the kernel worker, which receives arguments as raw 32-bit words.
 * The last two arguments of each are the range of work (panels, rows) one thread does.
 */
export const SIGNATURES = {
  pack_weights: 'iiiiii',
  unpack_weights: 'iiiiii',
  dense: 'iiiiiiiiiii',
  layer_norm: 'iiiifiii',
  attention: 'iiiifiiiiiiiii',
  attention_merged: 'iiiifiiii',
  // backwardKernels.c (its own module, loaded with the first class map; see backwardTfjsKernels.ts)
  pack_weights_transposed: 'iiiiii',
  activation: 'iiiii',
  activation_backward: 'iiiiii',
  layer_norm_backward: 'iiifiiiii',
  attention_backward: 'iiiiiififiiii',
} as const;

export type KernelName = keyof typeof SIGNATURES;
export const KERNEL_NAMES = Object.keys(SIGNATURES) as KernelName[];

/** The control block the main thread and the worker share: 32-bit words in tfjs's memory. */
export const CONTROL = {
  /** incremented by the main thread for each job; the worker waits on it (negative: stop) */
  job: 0,
  /** the last job the worker finished */
  done: 1,
  /** nonzero when that job trapped */
  failed: 2,
  kernel: 3,
  args: 4,
  words: 24,
} as const;
