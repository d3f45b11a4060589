import { t } from '../../i18n';
/**
 * Zoom and pan for a big heatmap (a T × T map of 197 or 1024 tokens is a few pixels a cell on a
 * phone): the map sits in a scrolling viewport and is drawn `factor` times its width. Buttons zoom
 * (touch, mouse, keyboard alike), two fingers pinch, Ctrl + wheel zooms; one finger or the scroll bars
 * pan (the browser's own scrolling of the viewport). The point under the fingers (or the centre) stays put.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type PointerEvent } from 'react';

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 8;
const clampZoom = (z: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));

export interface Zoom {
  factor: number;
  zoomBy: (ratio: number) => void;
  reset: () => void;
  viewportRef: React.RefObject<HTMLDivElement | null>;
  handlers: {
    onPointerDown: (e: PointerEvent<HTMLDivElement>) => void;
    onPointerMove: (e: PointerEvent<HTMLDivElement>) => void;
    onPointerUp: (e: PointerEvent<HTMLDivElement>) => void;
    onPointerCancel: (e: PointerEvent<HTMLDivElement>) => void;
  };
}

export function useZoom(): Zoom {
  const [factor, setFactor] = useState(1);
  const viewportRef = useRef<HTMLDivElement | null>(null);
  // the focus of the last zoom, in the viewport's coordinates, to keep under the fingers
  const focus = useRef<{ x: number; y: number; from: number } | null>(null);
  const touches = useRef(new Map<number, { x: number; y: number }>());
  const pinch = useRef<{ distance: number; factor: number } | null>(null);

  const zoomAt = useCallback((next: number, x?: number, y?: number) => {
    setFactor((old) => {
      const z = clampZoom(next);
      const view = viewportRef.current;
      if (view && z !== old) focus.current = { x: x ?? view.clientWidth / 2, y: y ?? view.clientHeight / 2, from: old };
      return z;
    });
  }, []);

  // after a zoom, scroll so the focus point shows the same spot of the map
  useLayoutEffect(() => {
    const view = viewportRef.current;
    const f = focus.current;
    if (!view || !f) return;
    focus.current = null;
    const k = factor / f.from;
    view.scrollLeft = (view.scrollLeft + f.x) * k - f.x;
    view.scrollTop = (view.scrollTop + f.y) * k - f.y;
  }, [factor]);

  useEffect(() => {
    const view = viewportRef.current;
    if (!view) return;
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey) return; // a plain wheel scrolls the page as usual
      e.preventDefault();
      const box = view.getBoundingClientRect();
      setFactor((old) => {
        const z = clampZoom(old * Math.exp(-e.deltaY / 300));
        if (z !== old) focus.current = { x: e.clientX - box.left, y: e.clientY - box.top, from: old };
        return z;
      });
    };
    view.addEventListener('wheel', onWheel, { passive: false });
    return () => view.removeEventListener('wheel', onWheel);
  }, []);

  const spread = () => {
    const [a, b] = [...touches.current.values()];
    return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
  };
  const end = (e: PointerEvent<HTMLDivElement>) => {
    touches.current.delete(e.pointerId);
    if (touches.current.size < 2) pinch.current = null;
  };
  const handlers: Zoom['handlers'] = {
    onPointerDown: (e) => {
      if (e.pointerType !== 'touch') return;
      touches.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (touches.current.size === 2) pinch.current = { distance: spread(), factor };
    },
    onPointerMove: (e) => {
      if (!touches.current.has(e.pointerId)) return;
      touches.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
      const p = pinch.current;
      const d = spread();
      if (p && p.distance > 0 && d > 0) {
        const box = e.currentTarget.getBoundingClientRect();
        const [a, b] = [...touches.current.values()];
        zoomAt(p.factor * (d / p.distance), (a!.x + b!.x) / 2 - box.left, (a!.y + b!.y) / 2 - box.top);
      }
    },
    onPointerUp: end,
    onPointerCancel: end,
  };

  return { factor, zoomBy: (ratio) => zoomAt(factor * ratio), reset: () => zoomAt(1), viewportRef, handlers };
}

/** The zoom buttons above a zoomable map. */
export function ZoomBar({ zoom, testId }: { zoom: Zoom; testId?: string }) {
  const id = (suffix: string) => (testId ? `${testId}-${suffix}` : undefined);
  return (
    <div className="zoom-bar" role="group" aria-label={t('zoom.group')}>
      <button
        type="button"
        data-testid={id('zoom-in')}
        aria-label={t('zoom.in')}
        disabled={zoom.factor >= MAX_ZOOM}
        onClick={() => zoom.zoomBy(2)}
      >
        +
      </button>
      <button
        type="button"
        data-testid={id('zoom-out')}
        aria-label={t('zoom.out')}
        disabled={zoom.factor <= MIN_ZOOM}
        onClick={() => zoom.zoomBy(0.5)}
      >
        −
      </button>
      <button type="button" data-testid={id('zoom-reset')} disabled={zoom.factor === 1} onClick={zoom.reset}>
        {t('zoom.fit')}
      </button>
      <span className="zoom-factor" aria-live="polite">
        {t('zoom.factor', { factor: zoom.factor.toFixed(zoom.factor < 2 ? 1 : 0) })}
      </span>
    </div>
  );
}
