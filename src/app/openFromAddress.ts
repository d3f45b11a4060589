/**
 * What the page opens on: the backend and model the address asks for (`?backend=`, `?model=`: a
 * built-in model, a preset, or `hf:id@rev` from the Hub), on the gallery's first held-out sample.
 * The sample and a built-in model's files download while the engine starts. A request it cannot
 * honour opens the default model and says why. A `?hub=` other than the user's own hub is asked
 * about before anything is requested from it (useHubLink.ts); declined, the default model opens.
 */
import { fetchSampleIndex } from '../platform/sampleIndex';
import type { ModelSource } from '../worker/protocol';
import { parseModelCard, type ModelCardInfo } from '../model/modelCard';
import { BACKENDS, isBackendName, type BackendName } from '../platform/backendName';
import { decodeImageFile, decodedFromCanvas, type DecodedImage } from '../platform/imageInput';
import { hubRefFromModelParam } from '../platform/hub/hubRef';
import { drawSampleImage } from '../platform/sampleImage';
import { BUILT_IN_MODELS, MODEL_FILES, isBuiltInModel, fetchModelCard, fetchedModelFiles, inMemory, filesSource } from './modelSources';
import { PRESETS, isPreset } from './presets';
import type { HubLoadRequest } from './useHubLoad';
import { askAboutHubLink, hubLinkDecision, savedHubUrl } from './useHubLink';
import { rememberedToken } from './useHubSettings';
import { t } from '../i18n';

/** The session's operations the opening goes through. */
export interface OpeningSteps {
  startBackend: (requested: BackendName | null) => Promise<void>;
  setSource: (image: DecodedImage) => void;
  hubLoad: (request: HubLoadRequest) => Promise<void>;
  installModel: (origin: ModelSource, source: string, id: string, card?: ModelCardInfo | null) => Promise<void>;
  hasModel: () => boolean;
  /** a request in the address that cannot be honoured as asked */
  warn: (message: string) => void;
  /** what the opening is waiting for, in the status line */
  status?: (message: string) => void;
}

/** The image the page opens on: the gallery's first held-out object, so there is something to find. */
async function openingSample(): Promise<DecodedImage | null> {
  try {
    const base = `${import.meta.env.BASE_URL}samples/`;
    const index = await fetchSampleIndex<{ images: { file: string; group: string }[] }>(base);
    const first = index.images.find((i) => i.group === 'objects') ?? index.images[0];
    if (!first) return null;
    const blob = await (await fetch(`${base}${first.file}`)).blob();
    return await decodeImageFile(new File([blob], first.file.split('/').pop()!, { type: blob.type }));
  } catch {
    return null;
  }
}

export async function openFromAddress(search: string, steps: OpeningSteps): Promise<void> {
  const params = new URLSearchParams(search);
  const requested = params.get('backend');
  const modelId = params.get('model') ?? 'default';
  if (requested !== null && !isBackendName(requested)) {
    steps.warn(t('session.badBackend', { value: requested, names: BACKENDS.join(', ') }));
  }
  const link = hubLinkDecision(search);
  if (link.kind === 'invalid') steps.warn(t('session.badHubLink', { value: link.text, reason: link.reason, hub: savedHubUrl() }));
  // asked at once, answered whenever the user likes; a Hub load below waits for the answer
  const linkAnswer = link.kind === 'ask' ? askAboutHubLink(link.hubUrl) : null;
  const sample = openingSample().catch(() => null);
  const builtIn = BUILT_IN_MODELS[isBuiltInModel(modelId) ? modelId : 'default']!;
  const builtInUrl = `${import.meta.env.BASE_URL}${builtIn.folder}`;
  const prefetched =
    modelId.startsWith('hf:') || isPreset(modelId)
      ? null
      : inMemory(fetchedModelFiles(builtInUrl, MODEL_FILES)).catch(() => null);
  const prefetchedCard = prefetched ? fetchModelCard(builtInUrl) : null;
  await steps.startBackend(isBackendName(requested) ? requested : null);
  steps.setSource((await sample) ?? decodedFromCanvas(drawSampleImage(), 'the built-in sample image'));
  let hubFailure: unknown = null;
  if (modelId.startsWith('hf:')) {
    let hubUrl = link.kind === 'same' ? link.hubUrl : savedHubUrl();
    if (linkAnswer) steps.status?.(t('session.hubLinkWaiting'));
    const answer = linkAnswer ? await linkAnswer : null;
    if (answer?.accept && link.kind === 'ask') hubUrl = link.hubUrl;
    if (answer && !answer.accept && link.kind === 'ask') {
      steps.warn(t('session.hubLinkDeclined', { hub: link.hubUrl }));
    } else {
      try {
        // only the token remembered for this very hub, never one entered for another
        await steps.hubLoad({ ref: hubRefFromModelParam(modelId)!, hubUrl, token: rememberedToken(hubUrl) });
        if (steps.hasModel()) return;
      } catch (e) {
        hubFailure = e; // the default model opens instead, and the error is shown
      }
    }
  }
  if (isPreset(modelId)) {
    await steps.installModel({ kind: 'preset', id: modelId }, `a model with ${PRESETS[modelId]!.title}`, modelId);
    return;
  }
  const id = isBuiltInModel(modelId) ? modelId : 'default';
  if (id !== modelId && !modelId.startsWith('hf:')) {
    steps.warn(modelId === 'files' ? t('session.filesLink') : t('session.unknownModel', { value: modelId }));
  }
  const { folder, source } = BUILT_IN_MODELS[id]!;
  const url = `${import.meta.env.BASE_URL}${folder}`;
  const card = await (prefetchedCard ?? fetchModelCard(url));
  // a failed prefetch is retried here, so its error is the one shown
  const files = (await prefetched) ?? fetchedModelFiles(url, MODEL_FILES);
  await steps.installModel(await filesSource(files), source, id, card ? parseModelCard(card) : null);
  if (hubFailure) throw hubFailure;
}
