/**
 * One piece of on-demand work (a re-run, gradients, a layout): started by the user, with progress
 * and a cancel, and forgotten when `resetKey` changes (a new image or model).
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Job<T> {
  state: 'idle' | 'running' | 'done' | 'error';
  /** 0…1 while running */
  progress: number;
  result: T | null;
  error: string | null;
  /** milliseconds the last run took */
  ms: number | null;
  start: (work: (control: { signal: AbortSignal; onProgress: (fraction: number) => void }) => Promise<T>) => void;
  cancel: () => void;
}

export function useJob<T>(resetKey: unknown): Job<T> {
  const [state, setState] = useState<Job<T>['state']>('idle');
  const [progress, setProgress] = useState(0);
  const [result, setResult] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ms, setMs] = useState<number | null>(null);
  const current = useRef<AbortController | null>(null);

  const cancel = useCallback(() => {
    current.current?.abort();
    current.current = null;
    setState((s) => (s === 'running' ? 'idle' : s));
  }, []);

  useEffect(() => {
    cancel();
    setResult(null);
    setError(null);
    setState('idle');
    setMs(null);
  }, [resetKey, cancel]);

  useEffect(() => () => current.current?.abort(), []);

  const start = useCallback<Job<T>['start']>((work) => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setState('running');
    setProgress(0);
    setError(null);
    const began = performance.now();
    // a frame first, so the progress indication paints before the work starts
    requestAnimationFrame(() =>
      setTimeout(() => {
        work({ signal: controller.signal, onProgress: (f) => !controller.signal.aborted && setProgress(f) })
          .then((value) => {
            if (controller.signal.aborted) return;
            setResult(value);
            setMs(performance.now() - began);
            setState('done');
          })
          .catch((e: unknown) => {
            if (controller.signal.aborted) return;
            setError(e instanceof Error ? e.message : String(e));
            setState('error');
          })
          .finally(() => {
            if (current.current === controller) current.current = null;
          });
      }, 0),
    );
  }, []);

  return { state, progress, result, error, ms, start, cancel };
}
