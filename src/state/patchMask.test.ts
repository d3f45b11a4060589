import { describe, expect, it } from 'vitest';
import { formatMask, MAX_MASK_PARAM_LENGTH, maskToParams, parseMask, parseMaskFill } from './patchMask';

describe('the mask in the address', () => {
  it('writes runs as ranges and reads them back', () => {
    expect(formatMask([12, 3, 4, 5, 20, 21, 3], 8, 8)).toBe('8x8_3-5_12_20-21');
    expect(formatMask([], 8, 8)).toBeNull();
    expect(parseMask('8x8_3-5_12_20-21', 8, 8)).toEqual({ kind: 'ok', masked: [3, 4, 5, 12, 20, 21] });
    expect(parseMask('14x14_0-195', 14, 14)).toMatchObject({ kind: 'ok' });
    expect(parseMask(null, 8, 8)).toEqual({ kind: 'none' });
  });

  it('rejects what does not fit the model’s grid or does not parse', () => {
    expect(parseMask('14x14_3', 8, 8)).toEqual({ kind: 'invalid', problem: 'grid' });
    expect(parseMask('8x8_64', 8, 8)).toEqual({ kind: 'invalid', problem: 'range' });
    expect(parseMask('8x8_60-70', 8, 8)).toEqual({ kind: 'invalid', problem: 'range' });
    for (const bad of ['8x8', '8x8_', '8x8_5-3', '8x8_-1', '8x8_1e3', '8x8_3;alert(1)', '<svg>', '8*8_1', '8x8_1-2-3'])
      expect(parseMask(bad, 8, 8), bad).toEqual({ kind: 'invalid', problem: 'syntax' });
    expect(parseMask(`8x8_${'1_'.repeat(MAX_MASK_PARAM_LENGTH)}1`, 8, 8)).toEqual({ kind: 'invalid', problem: 'tooLong' });
  });

  it('reads only known fills, and keeps the other parameters when it writes', () => {
    expect(parseMaskFill('blur')).toBe('blur');
    expect(parseMaskFill('javascript:x')).toBe('mean');
    expect(parseMaskFill(null)).toBe('mean');
    const params = maskToParams(new URLSearchParams('model=default&layer=2'), [9, 10], 'black', 8, 8);
    expect(params.toString()).toBe('model=default&layer=2&mask=8x8_9-10&maskfill=black');
    expect(maskToParams(params, [], 'black', 8, 8).toString()).toBe('model=default&layer=2');
  });
});
