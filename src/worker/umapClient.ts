/**
 * umapLayout (analysis/qkSpace.ts) in a worker of its own (umapWorker.ts), so that the page answers
 * clicks while it runs; Cancel ends the worker at once. Where the browser has no workers it runs on
 * the page, as before, yielding between slices of epochs.
 */
import { umapLayout } from '../analysis/qkSpace';
import type { JobControl } from '../analysis/engine';

export interface UmapRequest {
  points: Float64Array;
  n: number;
  d: number;
}

export type UmapReply =
  | { kind: 'progress'; fraction: number }
  | { kind: 'done'; layout: Float64Array }
  | { kind: 'failed'; message: string };

/** The UMAP layout [n, 2] of `points` [n, d], as umapLayout gives it. */
export function umapOffPage(points: ArrayLike<number>, n: number, d: number, control: JobControl = {}): Promise<Float64Array> {
  if (typeof Worker === 'undefined') return umapLayout(points, n, d, control);
  const { signal, onProgress } = control;
  signal?.throwIfAborted();
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./umapWorker.ts', import.meta.url), { type: 'module', name: 'vitlens-umap' });
    const end = () => {
      worker.terminate();
      signal?.removeEventListener('abort', cancel);
    };
    const cancel = () => {
      end();
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', cancel, { once: true });
    worker.onmessage = ({ data }: MessageEvent<UmapReply>) => {
      if (data.kind === 'progress') return onProgress?.(data.fraction);
      end();
      if (data.kind === 'done') resolve(data.layout);
      else reject(new Error(data.message));
    };
    worker.onerror = (event) => {
      end();
      reject(new Error(`the UMAP worker failed: ${event.message || 'it could not start'}`));
    };
    const request: UmapRequest = { points: Float64Array.from(points), n, d };
    worker.postMessage(request, [request.points.buffer]);
  });
}
