import { afterEach, describe, expect, it } from 'vitest';
import { CONTROL } from './kernelSignatures';
import {
  leaveCoreToPage,
  limitVitKernelThreads,
  PAGE_INPUT_HOLD_MS,
  pageInUse,
  threadLimitFor,
  threadLimitNow,
  watchPageInput,
} from './threadLimit';

/** A page's input clock as the page shares it: the time of its last input. */
function pageInputAt(time: number): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(8);
  new Float64Array(buffer)[0] = time;
  return buffer;
}

describe('the kernels’ thread limit', () => {
  afterEach(() => watchPageInput(null));

  it('is every thread with nothing in the background, one fewer while something is and the page is in use, never below one', () => {
    expect(threadLimitFor(2, 0, null)).toBe(CONTROL.maxThreads);
    expect(threadLimitFor(2, 1, null)).toBe(1);
    expect(threadLimitFor(4, 3, null)).toBe(3);
    expect(threadLimitFor(1, 1, null)).toBe(CONTROL.maxThreads);
    // background work on a page left alone: every thread
    expect(threadLimitFor(2, 1, null, false)).toBe(CONTROL.maxThreads);
  });

  it('keeps a benchmark’s cap, whichever is lower', () => {
    expect(threadLimitFor(4, 0, 1)).toBe(1);
    expect(threadLimitFor(4, 1, 2)).toBe(2);
    expect(threadLimitFor(4, 1, null)).toBe(3);
    expect(threadLimitFor(4, 1, 2, false)).toBe(2);
  });

  it('reads the page’s last input: in use for PAGE_INPUT_HOLD_MS after it, and always when the page has not said', () => {
    const now = 1_000_000;
    expect(pageInUse(now)).toBe(true);
    watchPageInput(pageInputAt(now - 200));
    expect(pageInUse(now)).toBe(true);
    expect(pageInUse(now + PAGE_INPUT_HOLD_MS)).toBe(false);
    watchPageInput(pageInputAt(0));
    expect(pageInUse(now)).toBe(false);
  });

  it('now: one core left while background work runs and the page was just used; every thread once it is left alone; nested holds', () => {
    const buffer = pageInputAt(Date.now());
    watchPageInput(buffer);
    expect(threadLimitNow(2)).toBe(CONTROL.maxThreads);
    const first = leaveCoreToPage();
    const second = leaveCoreToPage();
    expect(threadLimitNow(2)).toBe(1);
    new Float64Array(buffer)[0] = Date.now() - PAGE_INPUT_HOLD_MS - 1; // the page, left alone
    expect(threadLimitNow(2)).toBe(CONTROL.maxThreads);
    new Float64Array(buffer)[0] = Date.now(); // a click
    first();
    expect(threadLimitNow(2)).toBe(1);
    second();
    expect(threadLimitNow(2)).toBe(CONTROL.maxThreads);
    limitVitKernelThreads(1);
    expect(threadLimitNow(2)).toBe(1);
    limitVitKernelThreads(null);
  });
});
