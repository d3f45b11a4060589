import { describe, expect, it } from 'vitest';
import { arrayKey } from './arrayKey';

describe('arrayKey', () => {
  it('is the same for two views of the same memory and differs otherwise', () => {
    const a = new Float32Array(10);
    expect(arrayKey(a.subarray(2, 5))).toBe(arrayKey(a.subarray(2, 5)));
    expect(arrayKey(a.subarray(2, 5))).not.toBe(arrayKey(a.subarray(2, 6)));
    expect(arrayKey(a)).not.toBe(arrayKey(new Float32Array(10)));
    expect(arrayKey(null)).toBe('none');
  });
});
