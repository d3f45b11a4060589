/**
 * The camera's frame loop: on each new video frame, one run at a time. A frame that arrives while a
 * run is under way is not queued; the next run takes whatever frame is newest when it starts.
 * Stopping aborts the run under way (its signal) and cancels the next wake-up.
 */

/** Wakes the loop at the next frame (`next`, once per call, with a cancel); `close` ends its watching. */
export interface FrameScheduler {
  next: (wake: () => void) => () => void;
  close: () => void;
}

/**
 * requestVideoFrameCallback where the browser has it, else requestAnimationFrame. With the former it
 * keeps watching the video: when a frame was presented while the last run was under way, the next
 * run starts at once on it (the newest frame) instead of waiting for another.
 */
export function videoFrameScheduler(video: HTMLVideoElement): FrameScheduler {
  if (typeof video.requestVideoFrameCallback !== 'function') {
    return {
      next: (wake) => {
        const handle = requestAnimationFrame(() => wake());
        return () => cancelAnimationFrame(handle);
      },
      close: () => undefined,
    };
  }
  let fresh = false; // a frame came that no run has taken
  let waiting: (() => void) | null = null;
  let handle = 0;
  let closed = false;
  const watch = () => {
    if (closed) return;
    handle = video.requestVideoFrameCallback(() => {
      watch();
      const wake = waiting;
      waiting = null;
      fresh = !wake;
      wake?.();
    });
  };
  watch();
  return {
    next: (wake) => {
      if (fresh) {
        fresh = false;
        let cancelled = false;
        queueMicrotask(() => cancelled || wake());
        return () => void (cancelled = true);
      }
      waiting = wake;
      return () => void (waiting = null);
    },
    close: () => {
      closed = true;
      waiting = null;
      video.cancelVideoFrameCallback(handle);
    },
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
    cancel = schedule.next(() => {
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
      schedule.close();
    },
  };
}
