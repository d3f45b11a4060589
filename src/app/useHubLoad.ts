/**
 * Loading a model from the Hugging Face Hub for the session: the download with progress (a repaint
 * at most ten times a second), the question before a large download, cancel, retry after a network
 * failure, and the browser cache (a checkpoint that does not load is evicted).
 */
import { useCallback, useRef, useState } from 'react';
import type { ModelSource } from '../worker/protocol';
import { filesSource } from './modelSources';
import { guardModelMemory } from './bigModelGuard';
import type { ModelCardInfo } from '../model/modelCard';
import { HubCache } from '../platform/hub/hubCache';
import { hubModelKey, normaliseHubUrl } from '../platform/hub/hubRef';
import { formatBytes } from '../platform/formatBytes';
import type { AppState } from '../state/appState';
import { t } from '../i18n';
import type { HubDownload, HubLoadRequest } from '../state/hub';
import { downloadPace } from '../state/remainingTime';
export type { HubDownload, HubLoadRequest };

interface HubLoadDeps {
  /** the session's install: builds the model, runs the current image, replaces the previous model */
  installModel: (origin: ModelSource, source: string, id: string, card: ModelCardInfo | null, hubUrl?: string) => Promise<void>;
  /** the user cancelled (or declined a large download): nothing changed */
  onCancelled: (message: string) => void;
  setState: (state: AppState) => void;
  setMessage: (message: string) => void;
}

/** The memory guard on a Hub config.json, before the weights download (timm configs need the weights: checked at build). */
async function checkHubConfig(text: string): Promise<void> {
  // the config readers load with the first Hub request (the engine's worker has its own copy)
  const [{ asTimmConfig }, { parseVitConfig }] = await Promise.all([import('../model/timmConfig'), import('../model/config')]);
  if (asTimmConfig(text)) return;
  const config = parseVitConfig(text, 'config.json');
  await guardModelMemory(config, config.labels.length);
}

export function useHubLoad({ installModel, onCancelled, setState, setMessage }: HubLoadDeps) {
  const [hub, setHub] = useState<HubDownload>({ progress: null, confirm: null, retry: null, last: null, generation: 0 });
  const hubAbort = useRef<AbortController | null>(null);
  const hubConfirm = useRef<((yes: boolean) => void) | null>(null);

  /** Fetches a Hub checkpoint (from the cache when it can) and installs it; a bad one is evicted. */
  const hubLoad = useCallback(
    async ({ ref, hubUrl: rawHubUrl, token }: HubLoadRequest) => {
      const hubUrl = normaliseHubUrl(rawHubUrl);
      const controller = new AbortController();
      hubAbort.current = controller;
      setState('loading');
      setMessage(t('session.hubFetching', { id: ref.id, revision: ref.revision, hub: hubUrl }));
      setHub((h) => ({ ...h, progress: null, confirm: null, retry: null }));
      // the Hub client and its error messages load with the first Hub request, not with the page
      const [{ hubModelFiles }, { HubCancelled, HubError }] = await Promise.all([
        import('../platform/hub/loadFromHub'),
        import('../platform/hub/hubErrors'),
      ]);
      const cache = await HubCache.open();
      let lastPaint = 0;
      let lastFile = '';
      // where the speed is measured from: the first progress, and again after a large download's question
      let first: { at: number; loaded: number } | null = null;
      try {
        const got = await hubModelFiles({
          hubUrl,
          ref,
          accessToken: token.trim() || undefined,
          cache,
          signal: controller.signal,
          onProgress: (progress) => {
            const now = performance.now();
            // at most ten repaints a second, but always the start of each file and the end
            if (now - lastPaint < 100 && progress.file === lastFile && progress.loaded < progress.total) return;
            lastPaint = now;
            lastFile = progress.file;
            first ??= { at: now, loaded: progress.loaded };
            const pace = downloadPace(first, now, progress.loaded, progress.total);
            setHub((h) => ({ ...h, progress: { ...progress, pace } }));
            setMessage(
              t('session.hubDownloading', {
                file: progress.file,
                loaded: formatBytes(progress.loaded),
                total: formatBytes(progress.total),
              }),
            );
          },
          // a model too big for the page is refused (or asked about) before its weights download
          checkConfig: checkHubConfig,
          confirmLarge: (bytes, files) =>
            new Promise<boolean>((resolve) => {
              first = null; // the time the question waits is not download time
              hubConfirm.current = resolve;
              setHub((h) => ({ ...h, confirm: { bytes, files } }));
              setMessage(t('session.hubAsk', { id: ref.id, size: formatBytes(bytes) }));
            }),
        });
        setHub((h) => ({ ...h, progress: null, confirm: null }));
        const how = got.fromCache ? 'from the browser cache, no network' : `downloaded ${formatBytes(got.downloaded)}`;
        const source = `${ref.id} (${ref.revision}) from ${hubUrl}, ${how}${got.note ? `. ${got.note}` : ''}`;
        try {
          await installModel(await filesSource(got.files), source, hubModelKey(ref), null, hubUrl);
        } catch (e) {
          // a checkpoint that does not load is not worth keeping: the next try downloads it again
          await cache?.remove({ hubUrl, id: ref.id, revision: ref.revision });
          throw e;
        }
        setHub((h) => ({
          ...h,
          last: { key: hubModelKey(ref), fromCache: got.fromCache, bytes: got.downloaded, note: got.note },
        }));
      } catch (e) {
        const retry = e instanceof HubError && e.retryable ? { ref, hubUrl, token } : null;
        setHub((h) => ({ ...h, progress: null, confirm: null, retry }));
        if (e instanceof HubCancelled) {
          onCancelled(e.message);
          return;
        }
        throw e;
      } finally {
        hubAbort.current = null;
        hubConfirm.current = null;
        setHub((h) => ({ ...h, generation: h.generation + 1 }));
      }
    },
    [installModel, onCancelled, setState, setMessage],
  );

  const cancelHubDownload = useCallback(() => {
    hubConfirm.current?.(false);
    hubAbort.current?.abort();
  }, []);
  const answerHubConfirm = useCallback((yes: boolean) => hubConfirm.current?.(yes), []);

  return { hub, hubLoad, cancelHubDownload, answerHubConfirm };
}
