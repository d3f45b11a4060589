/**
 * Run B of a comparison: another image on A's model (A's engine traces it), or A's image on
 * another model (compareModels.ts builds it). Checked against the memory budget first; the pass
 * is cancelled, and B's model freed, when B changes or compare turns off. B's trace is plain arrays.
 */
import { useEffect, useState } from 'react';
import type { AnalysisEngine } from '../analysis/engine';
import { decodeImageFile, prepareImage, type DecodedImage, type PreparedImage } from '../platform/imageInput';
import { fetchSampleIndex } from '../platform/sampleIndex';
import { galleryName, type CompareRunState, type CompareSpec, type GalleryEntry, type RunB } from '../state/compare';
import { buildCompareModel, type CompareModel } from './compareModels';
import { guardCompareMemory } from './compareMemory';
import type { SessionModel } from './sessionTypes';
import type { EngineClient } from '../worker/engineClient';
import { errorWords } from './errorWords';

export interface RunA {
  model: SessionModel;
  image: PreparedImage;
  engine: AnalysisEngine;
  /** the engine's worker, where B's model is built beside A's */
  client: EngineClient;
}

export const samplesUrl = () => `${import.meta.env.BASE_URL}samples/`;

/** The gallery's images, by the name the address uses (the file's name). */
export async function galleryEntries(): Promise<GalleryEntry[]> {
  return (await fetchSampleIndex<{ images: GalleryEntry[] }>(samplesUrl())).images;
}

async function decodeGalleryImage(name: string): Promise<DecodedImage> {
  const entry = (await galleryEntries()).find((e) => galleryName(e) === name);
  if (!entry) throw new Error(`${name} is not in the gallery`);
  const response = await fetch(`${samplesUrl()}${entry.file}`);
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  const blob = await response.blob();
  return decodeImageFile(new File([blob], name, { type: blob.type }));
}

export function useCompareRun(spec: CompareSpec | null, a: RunA | null): CompareRunState {
  const [state, setState] = useState<CompareRunState>({ kind: 'off' });
  const model = a?.model;
  const image = a?.image;
  const engine = a?.engine;
  const client = a?.client;

  useEffect(() => {
    if (!spec || !model || !image || !engine || !client) {
      setState({ kind: 'off' });
      return;
    }
    const controller = new AbortController();
    const { signal } = controller;
    let bModel: CompareModel | null = null;
    const aMemory = { config: model.model.config, numClasses: model.model.config.labels.length };
    setState({ kind: 'running' });
    (async (): Promise<RunB> => {
      if (spec.kind === 'model') {
        const built = await buildCompareModel(spec.id, client, (config, numClasses) =>
          guardCompareMemory({ a: aMemory, bModel: { config, numClasses } }),
        );
        if (signal.aborted) {
          built.dispose();
          signal.throwIfAborted();
        }
        bModel = built;
        const prepared = prepareImage(image.decoded, built.info.preprocessor, built.info.config.imageSize);
        const trace = await built.engine.trace(prepared.input, { signal });
        return { trace, pixels: prepared.pixels, imageName: image.name, modelLabel: built.info.label };
      }
      await guardCompareMemory({ a: aMemory });
      const decoded = spec.kind === 'image' ? await decodeGalleryImage(spec.name) : await decodeImageFile(spec.file);
      signal.throwIfAborted();
      const prepared = prepareImage(decoded, model.preprocessor, model.model.config.imageSize);
      const trace = await engine.trace(prepared.input, { signal });
      return { trace, pixels: prepared.pixels, imageName: decoded.name, modelLabel: null };
    })().then(
      (run) => {
        if (!signal.aborted) setState({ kind: 'ready', run });
      },
      (e: unknown) => {
        if (!signal.aborted) setState({ kind: 'error', message: errorWords(e) });
      },
    );
    return () => {
      controller.abort();
      bModel?.dispose();
    };
  }, [spec, model, image, engine, client]);

  return state;
}
