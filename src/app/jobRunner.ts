/**
 * The one runner of the analyses' on-demand jobs. A job is keyed by its scope's numeric id (the
 * trace id, which changes with every new trace, or the model id) and its name, so a result computed
 * on one image can never be shown for another: when the ids change, every job of the old ones is
 * cancelled and forgotten. Plain TypeScript (no React), so it is tested on its own.
 */
import { IDLE_JOB, type Job, type JobScope, type JobState, type JobWork, type Jobs } from '../state/jobs';
import { remainingMs } from '../state/remainingTime';

interface Entry {
  state: JobState<unknown>;
  controller: AbortController | null;
  /** the finished run this one replaced: what a cancel goes back to */
  previous: JobState<unknown> | null;
}

export interface Scopes {
  traceId: number;
  modelId: number;
}

/** A running job's progress is shown at most this often. */
const PROGRESS_EVERY_MS = 100;

/** Schedules work after the browser has painted the progress indication (a frame, then a task). */
export type Defer = (run: () => void) => void;

const afterPaint: Defer = (run) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(run, 0));
  else setTimeout(run, 0);
};

export class JobRunner {
  private entries = new Map<string, Entry>();
  private scopes: Scopes;

  constructor(
    scopes: Scopes,
    private readonly onChange: () => void,
    private readonly defer: Defer = afterPaint,
  ) {
    this.scopes = { ...scopes };
  }

  /** Moves to new ids: the jobs of ids that changed are cancelled and dropped (and listeners told, if `notify`). */
  setScopes(scopes: Scopes, notify = true): void {
    if (scopes.traceId === this.scopes.traceId && scopes.modelId === this.scopes.modelId) return;
    this.scopes = { ...scopes };
    let dropped = false;
    for (const [key, entry] of this.entries) {
      if (key.startsWith(this.prefix('trace')) || key.startsWith(this.prefix('model'))) continue;
      entry.controller?.abort();
      this.entries.delete(key);
      dropped = true;
    }
    if (dropped && notify) this.onChange();
  }

  get currentScopes(): Scopes {
    return { ...this.scopes };
  }

  private prefix(scope: JobScope): string {
    return scope === 'trace' ? `trace ${this.scopes.traceId}:` : `model ${this.scopes.modelId}:`;
  }

  keyOf(name: string, scope: JobScope = 'trace'): string {
    return this.prefix(scope) + name;
  }

  state<T>(name: string, scope: JobScope = 'trace'): JobState<T> {
    return (this.entries.get(this.keyOf(name, scope))?.state ?? IDLE_JOB) as JobState<T>;
  }

  private update(key: string, entry: Entry, change: Partial<JobState<unknown>>): void {
    // a job that was cancelled or whose scope moved on no longer reports
    if (this.entries.get(key) !== entry) return;
    entry.state = { ...entry.state, ...change };
    this.onChange();
  }

  start<T>(name: string, scope: JobScope, work: JobWork<T>): void {
    const key = this.keyOf(name, scope);
    const before = this.entries.get(key);
    before?.controller?.abort();
    const previous = before?.state.state === 'done' ? before.state : (before?.previous ?? null);
    const controller = new AbortController();
    const entry: Entry = { state: { ...IDLE_JOB, state: 'running' }, controller, previous };
    this.entries.set(key, entry);
    this.onChange();
    const began = performance.now();
    this.defer(() => {
      if (controller.signal.aborted) return;
      // A job may report every few milliseconds (UMAP's slices), and each report re-renders its panel
      // (the seed toy's Q/K scatter: ~10 ms): shown only when the whole percent moves, 10 times a second at most.
      let shown = { percent: -1, at: -Infinity };
      const onProgress = (fraction: number) => {
        const percent = Math.floor(fraction * 100);
        const now = performance.now();
        if (controller.signal.aborted || percent === shown.percent || now - shown.at < PROGRESS_EVERY_MS) return;
        shown = { percent, at: now };
        this.update(key, entry, { progress: fraction, remainingMs: remainingMs(now - began, fraction) });
      };
      let running: Promise<T>;
      try {
        running = work({ signal: controller.signal, onProgress });
      } catch (e) {
        running = Promise.reject(e);
      }
      running.then(
        (result) => {
          if (controller.signal.aborted) return;
          entry.controller = null;
          this.update(key, entry, { state: 'done', result, progress: 1, ms: performance.now() - began, remainingMs: null });
        },
        (e: unknown) => {
          if (controller.signal.aborted) return;
          entry.controller = null;
          this.update(key, entry, { state: 'error', error: e instanceof Error ? e.message : String(e) });
        },
      );
    });
  }

  cancel(name: string, scope: JobScope = 'trace'): void {
    const key = this.keyOf(name, scope);
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.controller?.abort();
    // a cancelled run leaves nothing behind: the result it was replacing, if any, is back; a finished result stays
    if (entry.state.state === 'running') {
      if (entry.previous) this.entries.set(key, { state: entry.previous, controller: null, previous: null });
      else this.entries.delete(key);
    }
    this.onChange();
  }

  /** Cancels everything (the page is going away). */
  dispose(): void {
    for (const entry of this.entries.values()) entry.controller?.abort();
    this.entries.clear();
  }

  /** The panels' view of the runner: one Job per name. */
  jobs(): Jobs {
    return {
      job: <T>(name: string, scope: JobScope = 'trace'): Job<T> => ({
        ...this.state<T>(name, scope),
        start: (work: JobWork<T>) => this.start(name, scope, work),
        cancel: () => this.cancel(name, scope),
      }),
    };
  }
}
