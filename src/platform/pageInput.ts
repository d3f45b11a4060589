/**
 * When a person last used the page (a pointer, a key, the wheel, a touch), as Date.now() in a shared
 * Float64 that the engine's worker reads before each kernel job: while background work (the analyses'
 * passes) runs, the kernels leave the page a core for a moment after each input and use every core
 * otherwise (model/wasmKernels/threadLimit.ts). Shared memory, not a message: the engine's worker
 * reads its messages only between layers, the kernels check before every job.
 */
const INPUTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
/** a moving pointer writes at most this often */
const WRITE_EVERY_MS = 100;

/**
 * A buffer that `target`'s inputs keep up to date from now on; null where memory cannot be shared
 * (a page that is not cross-origin isolated: the kernels then always leave a core during background work).
 */
export function watchPageInputs(target: EventTarget, isolated: boolean, now: () => number = Date.now): SharedArrayBuffer | null {
  if (!isolated || typeof SharedArrayBuffer === 'undefined') return null;
  const buffer = new SharedArrayBuffer(8);
  const last = new Float64Array(buffer);
  last[0] = now();
  const note = () => {
    const time = now();
    if (time - last[0]! >= WRITE_EVERY_MS) last[0] = time;
  };
  for (const type of INPUTS) target.addEventListener(type, note, { capture: true, passive: true });
  return buffer;
}

let pageBuffer: SharedArrayBuffer | null | undefined;

/** This page's buffer (one for the page's life: a restarted engine is given the same). */
export function pageInputBuffer(): SharedArrayBuffer | null {
  if (pageBuffer === undefined) pageBuffer = watchPageInputs(window, globalThis.crossOriginIsolated === true);
  return pageBuffer;
}
