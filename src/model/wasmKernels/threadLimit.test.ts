import { describe, expect, it } from 'vitest';
import { CONTROL } from './kernelSignatures';
import { threadLimitFor } from './tfjsKernels';

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

});
