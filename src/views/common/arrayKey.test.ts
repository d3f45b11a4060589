import { describe, expect, it } from 'vitest';
import { arrayKey } from './arrayKey';
import { bumpMemoryGeneration } from '../../model/memoryGeneration';

describe('arrayKey', () => {
  it('is the same for two views of the same memory and differs otherwise', () => {
    const a = new Float32Array(10);
    expect(arrayKey(a.subarray(2, 5))).toBe(arrayKey(a.subarray(2, 5)));
    expect(arrayKey(a.subarray(2, 5))).not.toBe(arrayKey(a.subarray(2, 6)));
    expect(arrayKey(a)).not.toBe(arrayKey(new Float32Array(10)));
    expect(arrayKey(null)).toBe('none');
  });

  it('changes when the memory is marked rewritten (a new trace held where an old one was)', () => {
    const a = new Float32Array(10);
    const before = arrayKey(a.subarray(2, 5));
    bumpMemoryGeneration(a.buffer);
    expect(arrayKey(a.subarray(2, 5))).not.toBe(before);
  });
});
