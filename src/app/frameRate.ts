/** The camera's frame rate: a moving average over the last frames classified. */
export class FrameRate {
  private readonly times: number[] = [];

  /** window: how many frame intervals the average spans */
  constructor(private readonly window = 10) {
    if (!Number.isInteger(window) || window < 1) throw new RangeError(`a frame-rate window of ${window} frames`);
  }

  /** a frame finished at `now` (ms) */
  tick(now: number): void {
    this.times.push(now);
    if (this.times.length > this.window + 1) this.times.shift();
  }

  /** frames per second over the window, or null before two frames */
  get fps(): number | null {
    const n = this.times.length;
    if (n < 2) return null;
    const span = this.times[n - 1]! - this.times[0]!;
    return span > 0 ? ((n - 1) * 1000) / span : null;
  }

  reset(): void {
    this.times.length = 0;
  }
}
