import { describe, expect, it } from 'vitest';
import { startFrameLoop, type FrameScheduler } from './frameLoop';

/** A hand-driven scheduler: `frame()` is a new video frame; wake-ups asked for are counted. */
function manualFrames() {
  let pending: (() => void) | null = null;
  const state = { asked: 0, cancelled: 0, closed: 0 };
  const schedule: FrameScheduler = {
    next: (wake) => {
      state.asked++;
      pending = wake;
      return () => {
        state.cancelled++;
        pending = null;
      };
    },
    close: () => void state.closed++,
  };
  const frame = () => {
    const wake = pending;
    pending = null;
    wake?.();
  };
  return { schedule, frame, state, waiting: () => pending !== null };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the camera frame loop', () => {
  it('runs one frame at a time: frames during a run are dropped, not queued', async () => {
    const frames = manualFrames();
    const finish: (() => void)[] = [];
    let started = 0;
    const loop = startFrameLoop(
      frames.schedule,
      () => {
        started++;
        return new Promise<void>((resolve) => finish.push(resolve));
      },
      () => undefined,
    );
    frames.frame();
    expect(started).toBe(1);
    // three frames arrive during the run: nobody is listening, nothing is queued
    frames.frame();
    frames.frame();
    frames.frame();
    expect(started).toBe(1);
    expect(frames.waiting()).toBe(false);
    finish[0]!();
    await settle();
    // after the run, the loop asks for the next frame; the newest one starts the second run
    expect(frames.waiting()).toBe(true);
    frames.frame();
    expect(started).toBe(2);
    loop.stop();
  });

  it('stop aborts the run under way and asks for no more frames', async () => {
    const frames = manualFrames();
    let signal: AbortSignal | null = null;
    let finish = () => undefined as void;
    const errors: unknown[] = [];
    const loop = startFrameLoop(
      frames.schedule,
      (s) => {
        signal = s;
        return new Promise<void>((resolve, reject) => {
          finish = resolve;
          s.addEventListener('abort', () => reject(new DOMException('stopped', 'AbortError')));
        });
      },
      (e) => errors.push(e),
    );
    frames.frame();
    loop.stop();
    expect(signal!.aborted).toBe(true);
    finish();
    await settle();
    expect(frames.waiting()).toBe(false);
    expect(errors).toEqual([]); // the loop's own abort is not an error
  });

  it('stop before a frame cancels the wake-up', () => {
    const frames = manualFrames();
    let started = 0;
    const loop = startFrameLoop(
      frames.schedule,
      async () => void started++,
      () => undefined,
    );
    loop.stop();
    expect(frames.state.cancelled).toBe(1);
    expect(frames.state.closed).toBe(1);
    frames.frame();
    expect(started).toBe(0);
  });

  it('a failing run ends the loop and reports the error', async () => {
    const frames = manualFrames();
    const errors: unknown[] = [];
    startFrameLoop(
      frames.schedule,
      () => Promise.reject(new Error('the model failed')),
      (e) => errors.push(e),
    );
    frames.frame();
    await settle();
    expect(errors.map((e) => (e as Error).message)).toEqual(['the model failed']);
    expect(frames.waiting()).toBe(false);
  });
});
