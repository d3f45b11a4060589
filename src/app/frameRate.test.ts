import { describe, expect, it } from 'vitest';
import { FrameRate } from './frameRate';

describe('the camera frame rate', () => {
  it('is unknown before two frames', () => {
    const rate = new FrameRate();
    expect(rate.fps).toBeNull();
    rate.tick(0);
    expect(rate.fps).toBeNull();
  });

  it('is frames per second over the last window of intervals', () => {
    const rate = new FrameRate(4);
    for (let i = 0; i <= 4; i++) rate.tick(i * 50); // 20 fps
    expect(rate.fps).toBeCloseTo(20, 9);
    // slower frames push the fast ones out of the window: 4 intervals of 250 ms → 4 fps
    for (let i = 1; i <= 4; i++) rate.tick(200 + i * 250);
    expect(rate.fps).toBeCloseTo(4, 9);
  });

  it('averages over the window (a moving average, not the last interval)', () => {
    const rate = new FrameRate(3);
    [0, 100, 200, 500].forEach((t) => rate.tick(t)); // 3 intervals in 500 ms
    expect(rate.fps).toBeCloseTo(6, 9);
    rate.reset();
    expect(rate.fps).toBeNull();
  });

  it('rejects a window that is not a positive whole number', () => {
    expect(() => new FrameRate(0)).toThrow(RangeError);
    expect(() => new FrameRate(2.5)).toThrow(RangeError);
  });
});
