/**
 * A partial trace's layer on screen, re-run when it was not recorded: the engine's `block` call from
 * the block's saved input (in its worker: the page never waits), cancellable. The trace it returns
 * is the session's with that one layer merged in (the previous re-run layer is let go).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { blockInputOf, withLayer } from '../model/partialTrace';
import { isRecorded, type LayerTrace, type VitTrace } from '../model/trace';
import type { EngineClient } from '../worker/engineClient';

export interface LayerRerun {
  /** the trace to show: the session's, with the re-run layer in place */
  trace: VitTrace | null;
  /** the layer being re-run, or null */
  running: number | null;
  /** why the last re-run failed (not a cancel), or null */
  failed: string | null;
  cancel: () => void;
  /** runs the layer again after a cancel or a failure */
  retry: () => void;
}

interface Key {
  base: VitTrace;
  layer: number;
}
const same = (a: Key | null, base: VitTrace | null, layer: number) => !!a && a.base === base && a.layer === layer;

export function useLayerRerun(
  base: VitTrace | null,
  engine: EngineClient | null,
  handle: number | null,
  layer: number,
): LayerRerun {
  const [done, setDone] = useState<(Key & { data: LayerTrace }) | null>(null);
  const [stopped, setStopped] = useState<(Key & { failed: string | null }) | null>(null);
  const [running, setRunning] = useState<number | null>(null);
  const controller = useRef<AbortController | null>(null);
  const needed =
    !!base &&
    !!engine &&
    handle !== null &&
    layer < base.layers.length &&
    !isRecorded(base, layer) &&
    !same(done, base, layer) &&
    !same(stopped, base, layer);

  useEffect(() => {
    if (!needed || !base || !engine || handle === null) return;
    const c = new AbortController();
    controller.current = c;
    setRunning(layer);
    engine
      .call('block', { handle, layer, input: blockInputOf(base, layer).slice() }, { signal: c.signal })
      .then((data) => {
        if (!c.signal.aborted) setDone({ base, layer, data });
      })
      .catch((e: unknown) => {
        if (!c.signal.aborted) setStopped({ base, layer, failed: e instanceof Error ? e.message : String(e) });
      })
      .finally(() => {
        if (controller.current === c) {
          controller.current = null;
          setRunning(null);
        }
      });
    return () => {
      c.abort(new DOMException('cancelled', 'AbortError'));
      if (controller.current === c) {
        controller.current = null;
        setRunning(null);
      }
    };
  }, [needed, base, engine, handle, layer]);

  const cancel = useCallback(() => {
    if (base) setStopped({ base, layer, failed: null });
  }, [base, layer]);
  const retry = useCallback(() => setStopped(null), []);
  const trace = useMemo(() => (base && done && done.base === base ? withLayer(base, done.layer, done.data) : base), [base, done]);
  return { trace, running, failed: same(stopped, base, layer) ? stopped!.failed : null, cancel, retry };
}
