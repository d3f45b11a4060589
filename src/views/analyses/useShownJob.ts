/**
 * A computation for what a panel shows now (a layer, a depth) of the trace on screen, kept per key
 * once done: started when its key is shown (and `work` is ready), cancelled when the key is passed
 * over before it finishes (arrow keys on a select); meanwhile the last result finished for the same
 * trace stays shown, so the figure does not blank on every step.
 */
import { useEffect, useRef } from 'react';
import type { VitTrace } from '../../model/trace';
import type { Job, JobWork } from '../../state/jobs';
import type { AnalysisContext } from './context';

export interface ShownJob<T> {
  job: Job<T>;
  /** this key's result, or the last one finished for this trace, or null */
  shown: T | null;
}

export function useShownJob<T>(ctx: AnalysisContext, key: string, work: JobWork<T> | null): ShownJob<T> {
  const job = ctx.jobs.job<T>(key);
  const { state, result, start } = job;
  useEffect(() => {
    if (work && state === 'idle' && !result) start(work);
    // `work` is a new closure each render: the key names what it computes
  }, [key, work !== null, state, result, ctx.trace]);
  const { cancel } = job;
  useEffect(() => () => cancel(), [key]);
  const last = useRef<{ trace: VitTrace; result: T } | null>(null);
  if (result) last.current = { trace: ctx.trace, result };
  return { job, shown: result ?? (last.current?.trace === ctx.trace ? last.current.result : null) };
}
