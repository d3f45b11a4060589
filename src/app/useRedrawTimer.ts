/**
 * Measures the time from a user's input (key or click) to the next painted frame, for the
 * benchmark: results go to `window.__vitlensRedraws` and the root's `data-last-redraw-ms`.
 */
import { useCallback, useEffect, useRef } from 'react';

declare global {
  interface Window {
    __vitlensRedraws?: { what: string; ms: number }[];
  }
}

export function useRedrawTimer(dependency: unknown): (what: string) => void {
  const pending = useRef<{ what: string; at: number } | null>(null);
  useEffect(() => {
    const input = pending.current;
    if (!input) return;
    pending.current = null;
    // a task queued from requestAnimationFrame runs after that frame is painted
    requestAnimationFrame(() =>
      setTimeout(() => {
        const ms = performance.now() - input.at;
        (window.__vitlensRedraws ??= []).push({ what: input.what, ms });
        document.getElementById('root')?.setAttribute('data-last-redraw-ms', ms.toFixed(1));
      }, 0),
    );
  }, [dependency]);
  return useCallback((what: string) => {
    pending.current = { what, at: performance.now() };
  }, []);
}
