/**
 * On-demand analysis work as the panels see it: a job's state, and how to start or cancel it. The
 * runner that does the work lives in src/app (jobRunner.ts); panels get a `Jobs` through their props.
 */
export interface JobControl {
  signal: AbortSignal;
  onProgress: (fraction: number) => void;
}

export type JobWork<T> = (control: JobControl) => Promise<T>;

export type JobStatus = 'idle' | 'running' | 'done' | 'error';

export interface JobState<T> {
  state: JobStatus;
  /** 0…1 while running */
  progress: number;
  result: T | null;
  error: string | null;
  /** milliseconds the last run took */
  ms: number | null;
  /** while running: the time left at the pace so far (remainingTime.ts), once it can be said */
  remainingMs: number | null;
}

export interface Job<T> extends JobState<T> {
  start: (work: JobWork<T>) => void;
  cancel: () => void;
}

/**
 * What a job's result belongs to: 'trace' results (a class map, a UMAP of this image's queries) are
 * dropped when a new trace arrives; 'model' results (the filters, the gallery mean) when the model changes.
 */
export type JobScope = 'trace' | 'model';

export interface Jobs {
  /** the job named `name` (its parameters included, e.g. "classmap:3") in its scope */
  job: <T>(name: string, scope?: JobScope) => Job<T>;
}

export const IDLE_JOB: JobState<never> = { state: 'idle', progress: 0, result: null, error: null, ms: null, remainingMs: null };
