/**
 * How many threads the kernels' jobs may use now: all, one fewer while a background computation runs
 * (leaveCoreToPage), at most a benchmark's cap. tfjsKernels.ts applies it to its runtime on every change.
 */
import { CONTROL } from './kernelSignatures';

/** a benchmark's cap on the threads (null: none) */
let benchmarkLimit: number | null = null;
/** background computations running now (leaveCoreToPage), nested */
let backgroundRuns = 0;
let changed: () => void = () => {};

/** The threads a job may use: all, one fewer while background runs go on (never fewer than one), at most a benchmark's cap. */
export function threadLimitFor(planned: number, background: number, benchmark: number | null): number {
  const own = background > 0 && planned > 1 ? planned - 1 : CONTROL.maxThreads;
  return Math.min(own, benchmark ?? CONTROL.maxThreads);
}

/** The limit now, for a runtime of `planned` threads. */
export function threadLimitNow(planned: number): number {
  return threadLimitFor(planned, backgroundRuns, benchmarkLimit);
}

/** `onChange` runs whenever the limit may have changed (one listener: the kernels' runtime). */
export function onThreadLimitChange(onChange: () => void): void {
  changed = onChange;
}

/** Caps the threads a kernel uses (null: all), for benchmarks that compare thread counts. */
export function limitVitKernelThreads(threads: number | null): void {
  benchmarkLimit = threads;
  changed();
}

/**
 * While a long computation runs in the background (the analyses' passes), the kernels use one thread
 * fewer than they have, leaving a core to the page: on 2 cores with both busy, a click during the
 * curves took up to 368 ms. Returns the release, to call once; holds nest, and the last release
 * restores every thread.
 */
export function leaveCoreToPage(): () => void {
  backgroundRuns++;
  changed();
  return () => {
    backgroundRuns--;
    changed();
  };
}
