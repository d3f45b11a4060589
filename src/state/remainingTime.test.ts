import { describe, expect, it } from 'vitest';
import { downloadPace, remainingMs, roundRemaining } from './remainingTime';

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

  it('a download: its speed since the first progress, and the rest at that speed', () => {
    const first = { at: 1_000, loaded: 1_000_000 };
    // 4 MB more in 2 s: 2 MB/s, 10 MB left → 5 s
    expect(downloadPace(first, 3_000, 5_000_000, 15_000_000)).toEqual({ bytesPerSecond: 2_000_000, remainingMs: 5_000 });
    expect(downloadPace(first, 2_000, 5_000_000, 15_000_000)).toBeNull(); // too early
    expect(downloadPace(first, 9_000, 1_000_000, 15_000_000)).toBeNull(); // nothing yet since
  });
});

