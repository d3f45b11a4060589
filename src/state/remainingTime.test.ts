import { describe, expect, it } from 'vitest';
import { remainingMs, roundRemaining } from './remainingTime';

describe('remaining time', () => {
  it('extrapolates the pace so far: a quarter done in 10 s leaves 30 s', () => {
    expect(remainingMs(10_000, 0.25)).toBe(30_000);
    expect(remainingMs(3_000, 0.5)).toBe(3_000);
  });

  it('says nothing too early, or once done', () => {
    expect(remainingMs(10_000, 0.01)).toBeNull();
    expect(remainingMs(500, 0.5)).toBeNull();
    expect(remainingMs(10_000, 1)).toBeNull();
    expect(remainingMs(10_000, Number.NaN)).toBeNull();
  });

  it('rounds to 1 s below 10 s, 5 s below a minute, 10 s above', () => {
    expect(roundRemaining(7_400)).toEqual({ minutes: 0, seconds: 7 });
    expect(roundRemaining(200)).toEqual({ minutes: 0, seconds: 1 });
    expect(roundRemaining(33_000)).toEqual({ minutes: 0, seconds: 35 });
    expect(roundRemaining(58_000)).toEqual({ minutes: 1, seconds: 0 });
    expect(roundRemaining(84_000)).toEqual({ minutes: 1, seconds: 20 });
  });
});
