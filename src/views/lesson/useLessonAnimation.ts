/**
 * Runs a step's animations (Web Animations API) when its inputs change, unless the user asked
 * for reduced motion; returns skip(), which jumps every running one to its end. Every animation
 * ends within MAX_ANIMATION_MS.
 */
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

export const MAX_ANIMATION_MS = 1500;

export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** `start` makes the animations (element.animate(…)) and returns them; a replay counter re-runs it. */
export function useLessonAnimation(start: () => Animation[], deps: DependencyList) {
  const running = useRef<Animation[]>([]);
  const [replays, setReplays] = useState(0);
  const [active, setActive] = useState(false);
  useEffect(() => {
    if (prefersReducedMotion()) return;
    const animations = start();
    running.current = animations;
    if (animations.length === 0) return;
    setActive(true);
    let live = true;
    void Promise.allSettled(animations.map((a) => a.finished)).then(() => live && setActive(false));
    return () => {
      live = false;
      for (const a of animations) a.cancel();
      running.current = [];
      setActive(false);
    };
  }, [...deps, replays]);
  const skip = useCallback(() => {
    for (const a of running.current) a.finish();
  }, []);
  const replay = useCallback(() => setReplays((n) => n + 1), []);
  return { skip, replay, active };
}
