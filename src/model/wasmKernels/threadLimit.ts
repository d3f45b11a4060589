/**
 * How many threads the kernels' jobs may use now: all, one fewer while a background computation runs
 * (leaveCoreToPage) and a person is using the page, at most a benchmark's cap. The kernels' runtime
 * asks before every job (tfjsKernels.ts), so a click frees a core within a job or two.
 */
import { CONTROL } from './kernelSignatures';

/** a benchmark's cap on the threads (null: none) */
let benchmarkLimit: number | null = null;
/** background computations running now (leaveCoreToPage), nested */
let backgroundRuns = 0;
/** when the page last had an input (Date.now(), written by the page: platform/pageInput.ts); null: not known */
let lastPageInput: Float64Array | null = null;

/**
 * After an input on the page, background work leaves it a core this long: the click's own drawing, and
 * on software GL the GPU process's, take up to ~0.3 s on 2 cores; the next click of a person clicking
 * through comes within a second or so.
 */
export const PAGE_INPUT_HOLD_MS = 1_500;

/**
 * The threads a job may use: all, one fewer while background runs go on and the page is in use (never
 * fewer than one), at most a benchmark's cap.
 */
export function threadLimitFor(planned: number, background: number, benchmark: number | null, pageInUse = true): number {
  const own = background > 0 && planned > 1 && pageInUse ? planned - 1 : CONTROL.maxThreads;
  return Math.min(own, benchmark ?? CONTROL.maxThreads);
}

/** Whether a person used the page within PAGE_INPUT_HOLD_MS; without word from the page, assumed so. */
export function pageInUse(now = Date.now()): boolean {
  return lastPageInput === null || now - lastPageInput[0]! < PAGE_INPUT_HOLD_MS;
}

/** Reads the page's last input from `buffer` (a Float64 of Date.now(), shared with the page) from now on. */
export function watchPageInput(buffer: SharedArrayBuffer | null): void {
  lastPageInput = buffer ? new Float64Array(buffer, 0, 1) : null;
}

/** The limit now, for a runtime of `planned` threads (asked before each job: the page's input is read only while background work runs). */
export function threadLimitNow(planned: number): number {
  return threadLimitFor(planned, backgroundRuns, benchmarkLimit, backgroundRuns > 0 && pageInUse());
}

/** Caps the threads a kernel uses (null: all), for benchmarks that compare thread counts. */
export function limitVitKernelThreads(threads: number | null): void {
  benchmarkLimit = threads;
}

/**
 * While a long computation runs in the background (the analyses' passes), the kernels leave a core to
 * the page whenever a person is using it: on 2 cores with both busy, a click during the curves took up
 * to 368 ms; left alone, the page needs no core and the curves get every thread. Returns the release,
 * to call once; holds nest, and the last release restores every thread.
 */
export function leaveCoreToPage(): () => void {
  backgroundRuns++;
  return () => {
    backgroundRuns--;
  };
}
