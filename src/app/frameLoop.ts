/**
 * The camera's frame loop: on each new video frame, one run at a time. A frame that arrives while a
 * run is under way is not queued; the next run takes whatever frame is newest when it starts.
 * Stopping aborts the run under way (its signal) and cancels the next wake-up.
 */

/** Wakes the loop once, at the next frame; returns a cancel. */
export type FrameScheduler = (wake: () => void) => () => void;

/** requestVideoFrameCallback where the browser has it (a wake-up per new video frame), else requestAnimationFrame. */
export function videoFrameScheduler(video: HTMLVideoElement): FrameScheduler {
  if (typeof video.requestVideoFrameCallback === 'function') {
    return (wake) => {
      const handle = video.requestVideoFrameCallback(() => wake());
      return () => video.cancelVideoFrameCallback(handle);
    };
  }
  return (wake) => {
    const handle = requestAnimationFrame(() => wake());
    return () => cancelAnimationFrame(handle);
  };
}

export interface FrameLoop {
  stop: () => void;
}

/**
 * Runs `onFrame` at each wake-up until stopped, never two at once. A run that throws (other than by
 * the loop's own abort) ends the loop and is passed to `onError`.
 */
export function startFrameLoop(
  schedule: FrameScheduler,
  onFrame: (signal: AbortSignal) => Promise<void>,
  onError: (error: unknown) => void,
): FrameLoop {
  const controller = new AbortController();
  let cancel: (() => void) | null = null;
  const next = () => {
    if (controller.signal.aborted) return;
    cancel = schedule(() => {
      cancel = null;
      onFrame(controller.signal).then(next, (error: unknown) => {
        if (!controller.signal.aborted) onError(error);
      });
    });
  };
  next();
  return {
    stop: () => {
      controller.abort();
      cancel?.();
      cancel = null;
    },
  };
}
