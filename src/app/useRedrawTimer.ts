/**
 * Measures the time from a user's input (key or click) to the next painted frame, for the
 * benchmark: results go to `window.__vitlensRedraws` (on a page driven by automation only, and
 * the last REDRAWS_KEPT of them) and the root's `data-last-redraw-ms`.
 */
import { useCallback, useEffect, useRef } from 'react';
import { drivenByAutomation } from '../platform/automation';

/** More than a benchmark page records (it reads the array's growing length), few enough that a long session does not grow without end. */
export const REDRAWS_KEPT = 1000;

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
        if (drivenByAutomation()) {
          const redraws = (window.__vitlensRedraws ??= []);
          redraws.push({ what: input.what, ms });
          if (redraws.length > REDRAWS_KEPT) redraws.splice(0, redraws.length - REDRAWS_KEPT);
        }
        document.getElementById('root')?.setAttribute('data-last-redraw-ms', ms.toFixed(1));
      }, 0),
    );
  }, [dependency]);
  return useCallback((what: string) => {
    pending.current = { what, at: performance.now() };
  }, []);
}
