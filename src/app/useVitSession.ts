/**
 * The page's one session with the engine: the backend, the loaded model, the current image and its
 * trace. Operations run one at a time; a failed one leaves the previous model, image and trace in
 * place and working.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { VitTrace } from '../model/trace';
import type { ModelCardInfo } from '../model/modelCard';
import { isBackendName } from '../platform/backendName';
import type { ModelSource } from '../worker/protocol';
import { guardModelMemory } from './bigModelGuard';
import { imageFileName, type DecodedImage, type PreparedImage } from '../platform/imageInput';
import type { AppState } from '../state/appState';
import { filesSource } from './modelSources';
import { openFromAddress } from './openFromAddress';
import { useHubLoad, type HubLoadRequest } from './useHubLoad';
import { t } from '../i18n';
import { errorWords } from './errorWords';
import { missingModelFiles } from '../model/modelFileNames';
import { settleBackend } from './calibratedBackend';
import { recordLayersFor, recordModeFrom } from '../model/partialTrace';
import { selectionFromParams } from '../state/selection';
import { fetchSampleFile, preparedFor, readImageFile } from './imageLoading';
import type { SessionModel, VitSession } from './sessionTypes';
import { useEngineLifecycle, type SessionLive } from './useEngineLifecycle';

/** A partial trace's layers (partialTrace.ts): layer 0 and the address's layer, for a model whose full trace is too big or under ?record=shown. */
function recordLayersOf(m: SessionModel): number[] | undefined {
  const { config, numClasses } = m.model;
  const shown = selectionFromParams(new URLSearchParams(location.search)).layer;
  return recordLayersFor(config, numClasses, recordModeFrom(location.search), shown);
}

export function useVitSession(): VitSession {
  const [state, setState] = useState<AppState>('idle');
  const [message, setMessage] = useState('Starting…');
  const [error, setError] = useState<string | null>(null);
  const [model, setModel] = useState<SessionModel | null>(null);
  const [image, setImage] = useState<PreparedImage | null>(null);
  const [trace, setTrace] = useState<VitTrace | null>(null);
  const [traceMs, setTraceMs] = useState<number | null>(null);
  const live = useRef<SessionLive>({ model: null, source: null, trace: null, engine: null, requested: null });
  const queue = useRef<Promise<void>>(Promise.resolve());
  // the traced pass under way: whatever is asked next (a new image, model or backend) supersedes it
  const pass = useRef<AbortController | null>(null);
  // no backend chosen by the user (address or menu): calibration may pick one per model size
  const autoBackend = useRef(true);

  const reportError = useCallback((message: string) => {
    setError(message);
    setState('error');
    setMessage(t('session.wrong'));
  }, []);
  const { engine, backend, backendNow, showBackend, start, running, traceIds } = useEngineLifecycle(live, trace, reportError, setModel);

  const enqueue = useCallback(
    (work: () => Promise<void>) => {
      pass.current?.abort();
      queue.current = queue.current.then(work).catch((e: unknown) => reportError(errorWords(e)));
    },
    [reportError],
  );

  /** Traces `source` on `m`; `ready`: the image already prepared for `m` (in the engine's worker). */
  const run = useCallback(
    async (m: SessionModel, source: DecodedImage, ready?: PreparedImage) => {
      const prepared = preparedFor(m, source, ready);
      setState('running');
      setMessage(t('session.running', { name: source.name }));
      const start = performance.now();
      const controller = new AbortController();
      pass.current = controller;
      let result: VitTrace;
      try {
        const client = await running();
        // a restarted engine rebuilt the live model under a new handle
        const rebuilt = live.current.model?.origin === m.origin ? live.current.model : m;
        const got = await client.call(
          'runTrace',
          { handle: rebuilt.handle, input: prepared.input, recordLayers: recordLayersOf(m) },
          { signal: controller.signal },
        );
        result = got.trace;
        traceIds.current.set(result, got.traceId);
      } catch (e) {
        // superseded between two layers: the next queued request shows its own result
        if (controller.signal.aborted) return;
        throw e;
      } finally {
        if (pass.current === controller) pass.current = null;
      }
      const ms = performance.now() - start;
      performance.measure('vitlens:pass', { start });
      live.current.trace = result;
      setImage(prepared);
      setTrace(result);
      setTraceMs(ms);
      setState('ready');
      setMessage(t('session.ready', { ms: ms.toFixed(0) }));
    },
    [running, traceIds],
  );

  const installModel = useCallback(
    async (origin: ModelSource, source: string, id: string, card: ModelCardInfo | null = null, hubUrl?: string) => {
      setState('loading');
      setMessage(t('session.loading', { source }));
      const client = await running();
      let built = await client.call('buildModel', { source: origin }, { guard: guardModelMemory });
      if (backendNow.current) {
        const settled = await settleBackend({
          client,
          handle: built.handle,
          source: origin,
          config: built.model.config,
          current: backendNow.current,
          auto: autoBackend.current,
          isDefaultModel: id === 'default',
          status: setMessage,
        });
        showBackend(settled.backend);
        if (settled.switched) {
          void client.call('disposeModel', { handle: built.handle }).catch(() => {});
          built = await client.call('buildModel', { source: origin }, { guard: guardModelMemory });
        }
      }
      const next: SessionModel = { ...built, source, id, origin, card, hubUrl };
      const previous = live.current.model;
      try {
        if (live.current.source) await run(next, live.current.source);
      } catch (e) {
        void client.call('disposeModel', { handle: next.handle }).catch(() => {});
        throw e;
      }
      live.current.model = next;
      setModel(next);
      if (previous) void client.call('disposeModel', { handle: previous.handle }).catch(() => {});
      if (!live.current.source) {
        setState('ready');
        setMessage(t('session.modelLoaded'));
      }
    },
    [run, running, backendNow, showBackend],
  );

  // stable (as every dependency of useHubLoad must be: the start-up effect below depends on hubLoad)
  const onHubCancelled = useCallback((message: string) => {
    setState(live.current.trace ? 'ready' : 'idle');
    setMessage(message);
  }, []);
  const { hub, hubLoad, cancelHubDownload, answerHubConfirm } = useHubLoad({
    installModel,
    onCancelled: onHubCancelled,
    setState,
    setMessage,
  });

  useEffect(() => {
    enqueue(async () => {
      setState('loading');
      setMessage(t('session.starting'));
      await openFromAddress(location.search, {
        startBackend: async (requested) => {
          autoBackend.current = requested === null;
          await start(requested);
        },
        setSource: (image) => (live.current.source = image),
        hubLoad,
        installModel,
        hasModel: () => live.current.model !== null,
        warn: setError,
        status: setMessage,
      });
    });
    return () => {
      live.current.engine?.terminate();
      live.current.engine = null;
      live.current.model = null;
    };
  }, [enqueue, installModel, hubLoad, start]);

  const loadHubModel = useCallback(
    (request: HubLoadRequest) =>
      enqueue(async () => {
        setError(null);
        await hubLoad(request);
      }),
    [enqueue, hubLoad],
  );

  const loadModelFiles = useCallback(
    (files: File[]) =>
      enqueue(async () => {
        setError(null);
        // said at once, in the page's language; the engine checks the same
        const names = files.map((f) => f.name).join(', ');
        const missing = missingModelFiles(files.map((f) => f.name));
        if (missing.length > 0) {
          throw new Error(t('session.missingFiles', { missing: missing.join(t('session.and')), given: names || t('session.nothing') }));
        }
        await installModel(await filesSource(files), t('models.source.files', { names }), 'files');
      }),
    [enqueue, installModel],
  );

  const loadImageFile = useCallback(
    (file: File) =>
      enqueue(async () => {
        setError(null);
        const m = live.current.model;
        // with a model, one status for decoding and the pass: run() sets the same words, so the page
        // repaints once (with software GL, each repaint takes CPU from the pass)
        setState(m ? 'running' : 'loading');
        setMessage(t(m ? 'session.running' : 'session.decoding', { name: imageFileName(file) }));
        const { source, prepared } = await readImageFile(file, m, running);
        if (m) await run(m, source, prepared ?? undefined);
        live.current.source = source;
        if (!m) {
          setState('idle');
          setMessage(t('session.imageReady'));
        }
      }),
    [enqueue, run, running],
  );

  const loadSample = useCallback(
    (url: string, name: string) =>
      enqueue(async () => {
        setState('loading');
        setMessage(t('session.fetchingSample', { name }));
        loadImageFile(await fetchSampleFile(url, name));
      }),
    [enqueue, loadImageFile],
  );

  const switchBackend = useCallback(
    (name: string) =>
      enqueue(async () => {
        if (!isBackendName(name)) throw new Error(`${name} is not a backend; use webgpu, webgl, wasm or cpu.`);
        autoBackend.current = false;
        setError(null);
        setState('loading');
        setMessage(t('session.switching', { name }));
        const current = live.current.model;
        live.current.model = null;
        const client = await running();
        live.current.requested = name;
        // the worker disposes every model first: their tensors belong to the old backend
        showBackend(await client.startBackend('switchBackend', { requested: name }));
        if (current) await installModel(current.origin, current.source, current.id, current.card, current.hubUrl);
      }),
    [enqueue, installModel, running, live, showBackend],
  );

  return {
    state,
    message,
    error,
    backend,
    model,
    image,
    trace,
    traceMs,
    engine,
    loadModelFiles,
    loadImageFile,
    loadSample,
    reportError,
    switchBackend,
    hub,
    loadHubModel,
    cancelHubDownload,
    answerHubConfirm,
    dismissError: () => {
      setError(null);
      if (live.current.trace) {
        setState('ready');
        // the status the trace on screen had, in the page's language
        setMessage(t('session.ready', { ms: (traceMs ?? 0).toFixed(0) }));
      }
    },
  };
}
