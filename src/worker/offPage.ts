/**
 * An analysis of offPageTasks.ts in a worker of its own (analysisWorker.ts), so that the page answers
 * clicks while it runs; Cancel ends the worker at once. Where the browser has no workers it runs on
 * the page instead. The arguments are copied to the worker, unless listed in `transfer` (then moved).
 */
import type { JobControl } from '../analysis/engine';
import { OFF_PAGE_TASKS, type OffPageArgs, type OffPageReply, type OffPageResult, type OffPageTask } from './offPageTasks';

export async function offPage<K extends OffPageTask>(
  task: K,
  args: OffPageArgs<K>,
  control: JobControl = {},
  transfer: Transferable[] = [],
): Promise<OffPageResult<K>> {
  const { signal, onProgress } = control;
  const run = OFF_PAGE_TASKS[task] as (a: OffPageArgs<K>, c: JobControl) => Promise<{ result: OffPageResult<K> }>;
  signal?.throwIfAborted();
  if (typeof Worker === 'undefined') return (await run(args, control)).result;
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./analysisWorker.ts', import.meta.url), { type: 'module', name: `vitlens-${task}` });
    const end = () => {
      worker.terminate();
      signal?.removeEventListener('abort', cancel);
    };
    const cancel = () => {
      end();
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', cancel, { once: true });
    worker.onmessage = ({ data }: MessageEvent<OffPageReply>) => {
      if (data.kind === 'progress') return onProgress?.(data.fraction);
      end();
      if (data.kind === 'done') resolve(data.result as OffPageResult<K>);
      else reject(new Error(data.message));
    };
    worker.onerror = (event) => {
      end();
      reject(new Error(`the analysis worker failed: ${event.message || 'it could not start'}`));
    };
    worker.postMessage({ task, args }, transfer);
  });
}
