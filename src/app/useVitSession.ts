/**
 * The page's one session with the engine: the backend, the loaded model, the current image and its
 * trace. Operations run one at a time; a failed one leaves the previous model, image and trace in
 * place and working.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import * as tf from '@tensorflow/tfjs-core';
import type { LoadedVit } from '../model/loadVit';
import { releaseTrace, runTrace } from '../model/forward';
import { disposeVitModel } from '../model/vitModel';
import type { VitTrace } from '../model/trace';
import type { ModelCardInfo } from '../model/modelCard';
import { chooseBackend, isBackendName, type BackendInfo, type BackendName } from '../platform/backend';
import { decodeImageFile, prepareImage, type DecodedImage, type PreparedImage } from '../platform/imageInput';
import type { AppState } from '../state/appState';
import { keptFilesBuild } from './modelSources';
import { downloadBytes } from '../platform/download';
import { openFromAddress } from './openFromAddress';
import { useHubLoad, type HubDownload, type HubLoadRequest } from './useHubLoad';
import { drivenByAutomation } from '../platform/automation';
import { t } from '../i18n';
import { settleBackend } from './calibratedBackend';

export interface SessionModel extends LoadedVit {
  /** where the model came from, in words */
  source: string;
  /** 'demo', a preset id, or 'files' for the user's own: mirrored in the URL */
  id: string;
  /** builds the model again (e.g. on another backend) without asking the user for files */
  build: () => Promise<LoadedVit>;
  /** the model_card.json of a built-in model */
  card: ModelCardInfo | null;
  /** the hub a Hub model came from */
  hubUrl?: string;
}

export interface VitSession {
  state: AppState;
  message: string;
  error: string | null;
  backend: BackendInfo | null;
  model: SessionModel | null;
  image: PreparedImage | null;
  trace: VitTrace | null;
  traceMs: number | null;
  loadModelFiles: (files: File[]) => void;
  loadImageFile: (file: File) => void;
  /** a sample image the project ships, by URL */
  loadSample: (url: string, name: string) => void;
  /** a problem found outside the session (e.g. a paste without an image), shown like any error */
  reportError: (message: string) => void;
  switchBackend: (name: string) => void;
  exportTrace: () => void;
  dismissError: () => void;
  hub: HubDownload;
  loadHubModel: (request: HubLoadRequest) => void;
  cancelHubDownload: () => void;
  answerHubConfirm: (yes: boolean) => void;
}

declare global {
  interface Window {
    /** for tests and the benchmark (a page driven by automation only): the number of live tensors */
    __vitlensTensors?: () => number;
  }
}
if (drivenByAutomation()) window.__vitlensTensors = () => tf.memory().numTensors;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function useVitSession(): VitSession {
  const [state, setState] = useState<AppState>('idle');
  const [message, setMessage] = useState('Starting…');
  const [error, setError] = useState<string | null>(null);
  const [backend, setBackend] = useState<BackendInfo | null>(null);
  const [model, setModel] = useState<SessionModel | null>(null);
  const [image, setImage] = useState<PreparedImage | null>(null);
  const [trace, setTrace] = useState<VitTrace | null>(null);
  const [traceMs, setTraceMs] = useState<number | null>(null);
  // A replaced trace is released once the page shows its successor (after that render commits),
  // so nothing on screen still reads it.
  useEffect(
    () => () => {
      if (trace && trace !== live.current.trace) releaseTrace(trace);
    },
    [trace],
  );
  // the live values, for operations queued before React re-renders
  const live = useRef<{
    model: SessionModel | null;
    source: DecodedImage | null;
    trace: VitTrace | null;
  }>({
    model: null,
    source: null,
    trace: null,
  });
  const queue = useRef<Promise<void>>(Promise.resolve());
  // the traced pass under way: whatever is asked next (a new image, model or backend) supersedes it
  const pass = useRef<AbortController | null>(null);
  // no backend chosen by the user (address or menu): calibration may pick one per model size
  const autoBackend = useRef(true);
  const backendNow = useRef<BackendInfo | null>(null);

  const reportError = useCallback((message: string) => {
    setError(message);
    setState('error');
    setMessage(t('session.wrong'));
  }, []);

  const enqueue = useCallback(
    (work: () => Promise<void>) => {
      pass.current?.abort();
      queue.current = queue.current.then(work).catch((e: unknown) => reportError(messageOf(e)));
    },
    [reportError],
  );

  const run = useCallback(async (m: SessionModel, source: DecodedImage) => {
    const size = m.model.config.imageSize;
    const prepared = prepareImage(source, m.preprocessor, size);
    setState('running');
    setMessage(t('session.running', { name: source.name }));
    const start = performance.now();
    // the trace stays in tfjs's memory (no copy) until it is replaced: see the release effect below
    const controller = new AbortController();
    pass.current = controller;
    let result: VitTrace;
    try {
      result = await runTrace(m.model, prepared.input, { zeroCopy: true, signal: controller.signal });
    } catch (e) {
      // superseded between two layers: the next queued request shows its own result
      if (controller.signal.aborted) return;
      throw e;
    } finally {
      if (pass.current === controller) pass.current = null;
    }
    const ms = performance.now() - start;
    live.current.trace = result;
    setImage(prepared);
    setTrace(result);
    setTraceMs(ms);
    setState('ready');
    setMessage(t('session.ready', { ms: ms.toFixed(0) }));
  }, []);

  const installModel = useCallback(
    async (build: () => Promise<LoadedVit>, source: string, id: string, card: ModelCardInfo | null = null, hubUrl?: string) => {
      setState('loading');
      setMessage(t('session.loading', { source }));
      let next: SessionModel = { ...(await build()), source, id, build, card, hubUrl };
      if (backendNow.current) {
        const { config } = next.model;
        const settled = await settleBackend({
          config,
          model: next.model,
          build,
          current: backendNow.current,
          auto: autoBackend.current,
          isDefaultModel: id === 'default',
          status: setMessage,
        });
        setBackend((backendNow.current = settled.backend));
        if (settled.switched) {
          disposeVitModel(next.model);
          next = { ...(await build()), source, id, build, card, hubUrl };
        }
      }
      const previous = live.current.model;
      try {
        if (live.current.source) await run(next, live.current.source);
      } catch (e) {
        disposeVitModel(next.model);
        throw e;
      }
      live.current.model = next;
      setModel(next);
      if (previous) disposeVitModel(previous.model);
      if (!live.current.source) {
        setState('ready');
        setMessage(t('session.modelLoaded'));
      }
    },
    [run],
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
          setBackend((backendNow.current = await chooseBackend(requested)));
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
      if (live.current.model) disposeVitModel(live.current.model.model);
      live.current.model = null;
    };
  }, [enqueue, installModel, hubLoad]);

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
        const names = files.map((f) => f.name).join(', ');
        await installModel(await keptFilesBuild(files), `your files (${names})`, 'files');
      }),
    [enqueue, installModel],
  );

  const loadImageFile = useCallback(
    (file: File) =>
      enqueue(async () => {
        setError(null);
        setState('loading');
        setMessage(t('session.decoding', { name: file.name }));
        const source = await decodeImageFile(file);
        const m = live.current.model;
        if (m) await run(m, source);
        live.current.source = source;
        if (!m) {
          setState('idle');
          setMessage(t('session.imageReady'));
        }
      }),
    [enqueue, run],
  );

  const loadSample = useCallback(
    (url: string, name: string) =>
      enqueue(async () => {
        setState('loading');
        setMessage(t('session.fetchingSample', { name }));
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${name}: the sample could not be fetched (HTTP ${response.status})`);
        const blob = await response.blob();
        loadImageFile(new File([blob], name, { type: blob.type }));
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
        if (current) disposeVitModel(current.model);
        live.current.model = null;
        setBackend((backendNow.current = await chooseBackend(name as BackendName)));
        if (current) await installModel(current.build, current.source, current.id, current.card);
      }),
    [enqueue, installModel],
  );

  const exportTrace = useCallback(async () => {
    const current = live.current.trace;
    // the .npz writer (a zip) loads with the first export
    if (current) downloadBytes((await import('../model/traceNpz')).encodeTraceNpz(current), 'trace.npz');
  }, []);

  return {
    state,
    message,
    error,
    backend,
    model,
    image,
    trace,
    traceMs,
    loadModelFiles,
    loadImageFile,
    loadSample,
    reportError,
    switchBackend,
    exportTrace,
    hub,
    loadHubModel,
    cancelHubDownload,
    answerHubConfirm,
    dismissError: () => {
      setError(null);
      if (live.current.trace) {
        setState('ready');
        setMessage('Ready.');
      }
    },
  };
}
