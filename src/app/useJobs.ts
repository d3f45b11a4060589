/** The analyses' job runner (jobRunner.ts) for the page: one per page, moved on with every new trace or model. */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Jobs } from '../state/jobs';
import { JobRunner, type Scopes } from './jobRunner';

export function useJobs(traceId: number, modelId: number): Jobs {
  const [version, setVersion] = useState(0);
  const runner = useRef<JobRunner | null>(null);
  runner.current ??= new JobRunner({ traceId, modelId }, () => setVersion((v) => v + 1));
  // moved during render, so no panel ever sees the old trace's results next to the new trace
  runner.current.setScopes({ traceId, modelId } satisfies Scopes, false);
  useEffect(() => () => runner.current?.dispose(), []);
  return useMemo(() => runner.current!.jobs(), [version, traceId, modelId]);
}
