/**
 * How long a running job or a download has left, extrapolated from its pace so far: what a person
 * waiting on the curves (~1 min on ViT-B here) or a checkpoint of hundreds of MB wants beside the
 * progress bar. Said only once the pace means something.
 */

/** Nothing is said before this share of the work is done… */
const MIN_FRACTION = 0.05;
/** …nor before the job has run this long (a job of a few seconds needs no estimate). */
const MIN_ELAPSED_MS = 2_000;

/** The remaining time in ms at the pace so far; null while too early to say, or when done. */
export function remainingMs(elapsedMs: number, fraction: number): number | null {
  if (!(fraction >= MIN_FRACTION) || fraction >= 1 || elapsedMs < MIN_ELAPSED_MS) return null;
  return (elapsedMs * (1 - fraction)) / fraction;
}

/** Rounded as a person reads it: to 1 s below 10 s, to 5 s below a minute, to 10 s above; at least 1 s. */
export function roundRemaining(ms: number): { minutes: number; seconds: number } {
  const s = ms / 1000;
  const step = s < 10 ? 1 : s < 60 ? 5 : 10;
  const rounded = Math.max(1, Math.round(s / step) * step);
  return { minutes: Math.floor(rounded / 60), seconds: rounded % 60 };
}

export interface DownloadPace {
  bytesPerSecond: number;
  remainingMs: number;
}

/**
 * A download's speed since `first` (its first progress, or the first after a pause for a question)
 * and the time left at that speed; null while too early to say.
 */
export function downloadPace(first: { at: number; loaded: number }, at: number, loaded: number, total: number): DownloadPace | null {
  const elapsedMs = at - first.at;
  const got = loaded - first.loaded;
  if (elapsedMs < MIN_ELAPSED_MS || got <= 0) return null;
  const bytesPerSecond = got / (elapsedMs / 1000);
  return { bytesPerSecond, remainingMs: (Math.max(0, total - loaded) / bytesPerSecond) * 1000 };
}
