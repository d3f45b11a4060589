import { useEffect, useState, type RefObject } from 'react';

/** How far outside the viewport a panel counts as near: it is drawn just before it scrolls in. */
const NEAR_MARGIN = '400px';

/**
 * Whether the element is on screen or within NEAR_MARGIN of it. A panel draws only while near, so a new
 * image costs the panels in view, not every panel on the page; the rest draw as they scroll in. Without
 * IntersectionObserver (old engines, some test environments) everything counts as near.
 */
export function useNearScreen(ref: RefObject<Element | null>): boolean {
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => setNear(entries[entries.length - 1]!.isIntersecting), {
      rootMargin: NEAR_MARGIN,
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return near;
}

/**
 * `value` while near, and the last value seen while near when far: a panel off screen keeps what it
 * last drew instead of recomputing for every new image, and catches up when it scrolls back in.
 */
export function useLatchedWhileFar<T>(value: T, near: boolean): T {
  const [latched, setLatched] = useState(value);
  if (near && latched !== value) setLatched(value); // render-phase update: React re-renders with it at once
  return near ? value : latched;
}
