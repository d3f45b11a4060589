/**
 * The session's engine over its life: started (on the backend asked for, or the best one here),
 * started again after a crash with the model it had rebuilt in the fresh worker, and the trace it
 * holds for each one the page replaced released once the page has moved on.
 */
import { useCallback, useEffect, useRef, useState, type MutableRefObject } from 'react';
import type { VitTrace } from '../model/trace';
import type { BackendInfo, BackendName } from '../platform/backendName';
import type { DecodedImage } from '../platform/imageInput';
import { drivenByAutomation } from '../platform/automation';
import type { EngineClient } from '../worker/engineClient';
import { startEngine } from '../worker/startEngine';
import { guardModelMemory } from './bigModelGuard';
import { prepareTwice } from './imageLoading';
import type { SessionModel } from './sessionTypes';
import { t } from '../i18n';

/** The session's live values, for operations queued before React re-renders. */
export interface SessionLive {
  model: SessionModel | null;
  source: DecodedImage | null;
  trace: VitTrace | null;
  engine: EngineClient | null;
  /** the backend asked for, to start a fresh engine with after a crash */
  requested: BackendName | null;
}

export interface EngineLifecycle {
  engine: EngineClient | null;
  backend: BackendInfo | null;
  /** the backend now, for operations queued before React re-renders */
  backendNow: MutableRefObject<BackendInfo | null>;
  showBackend: (backend: BackendInfo) => void;
  /** starts the engine (again, after a crash): the worker and its backend */
  start: (requested: BackendName | null) => Promise<EngineClient>;
  /** the running engine; a crashed one is replaced, and the model rebuilt in the fresh one */
  running: () => Promise<EngineClient>;
  /** the worker's id of each trace, to free its memory there */
  traceIds: MutableRefObject<WeakMap<VitTrace, number>>;
}

export function useEngineLifecycle(
  live: MutableRefObject<SessionLive>,
  shownTrace: VitTrace | null,
  reportError: (message: string) => void,
  setModel: (model: SessionModel) => void,
): EngineLifecycle {
  const [engine, setEngine] = useState<EngineClient | null>(null);
  const [backend, setBackend] = useState<BackendInfo | null>(null);
  const backendNow = useRef<BackendInfo | null>(null);
  const traceIds = useRef(new WeakMap<VitTrace, number>());
  const showBackend = useCallback((b: BackendInfo) => setBackend((backendNow.current = b)), []);

  // A replaced trace is released once the page shows its successor (after that render commits),
  // so nothing on screen still reads it.
  useEffect(
    () => () => {
      const id = shownTrace ? traceIds.current.get(shownTrace) : undefined;
      if (shownTrace && id !== undefined && shownTrace !== live.current.trace)
        void engine?.call('releaseTrace', { traceId: id }).catch(() => {});
    },
    [shownTrace, engine, live],
  );

  const start = useCallback(
    async (requested: BackendName | null): Promise<EngineClient> => {
      live.current.requested = requested;
      const started = await startEngine(requested, (crash) => {
        if (live.current.engine?.crashed === crash) reportError(t('session.engineCrashed', { detail: crash.message }));
      });
      live.current.engine = started.client;
      setEngine(started.client);
      showBackend(started.backend);
      if (drivenByAutomation()) {
        window.__vitlensTensors = () => started.client.call('tensors', {});
        window.__vitlensPrepareTwice = (file) => prepareTwice(started.client, file, live.current.model!);
      }
      return started.client;
    },
    [live, reportError, showBackend],
  );

  const running = useCallback(async (): Promise<EngineClient> => {
    const current = live.current.engine;
    if (current && !current.crashed) return current;
    const client = await start(live.current.requested);
    const m = live.current.model;
    if (m) {
      const rebuilt = {
        ...m,
        handle: (await client.call('buildModel', { source: m.origin }, { guard: guardModelMemory })).handle,
      };
      live.current.model = rebuilt;
      setModel(rebuilt);
    }
    return client;
  }, [live, start, setModel]);

  return { engine, backend, backendNow, showBackend, start, running, traceIds };
}
