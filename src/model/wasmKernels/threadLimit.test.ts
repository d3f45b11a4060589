import { describe, expect, it } from 'vitest';
import { CONTROL } from './kernelSignatures';
import { leaveCoreToPage, limitVitKernelThreads, onThreadLimitChange, threadLimitFor, threadLimitNow } from './threadLimit';

describe('the kernels’ thread limit', () => {
  it('is every thread with nothing in the background, one fewer while something is, never below one', () => {
    expect(threadLimitFor(2, 0, null)).toBe(CONTROL.maxThreads);
    expect(threadLimitFor(2, 1, null)).toBe(1);
    expect(threadLimitFor(4, 3, null)).toBe(3);
    expect(threadLimitFor(1, 1, null)).toBe(CONTROL.maxThreads);
  });

  it('keeps a benchmark’s cap, whichever is lower', () => {
    expect(threadLimitFor(4, 0, 1)).toBe(1);
    expect(threadLimitFor(4, 1, 2)).toBe(2);
    expect(threadLimitFor(4, 1, null)).toBe(3);
  });

  it('tells its listener of each change: nested holds leave one core until the last is released', () => {
    const seen: number[] = [];
    onThreadLimitChange(() => seen.push(threadLimitNow(2)));
    const first = leaveCoreToPage();
    const second = leaveCoreToPage();
    first();
    second();
    limitVitKernelThreads(1);
    limitVitKernelThreads(null);
    expect(seen).toEqual([1, 1, 1, CONTROL.maxThreads, 1, CONTROL.maxThreads]);
  });
});
