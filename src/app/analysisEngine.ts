/**
 * The analyses' engine (src/analysis/engine.ts) bound to the loaded model in the engine's worker:
 * re-runs with a head mask or altered inputs, attention gradients, weights as arrays, and the
 * sample gallery (decoded and preprocessed on the page, its attention computed in the worker).
 * The views get this object and never touch tfjs.
 */
import type { AnalysisEngine } from '../analysis/engine';
import { fetchSampleIndex } from '../platform/sampleIndex';
import { decodeImageFile, prepareImage } from '../platform/imageInput';
import type { EngineClient } from '../worker/engineClient';
import { transferablesOf } from '../worker/transfer';
import type { SessionModel } from './sessionTypes';

interface GalleryIndex {
  images: { file: string; title: string; group: string }[];
}

export function analysisEngine(
  session: Pick<SessionModel, 'handle' | 'model' | 'preprocessor'>,
  baseUrl: string,
  engine: EngineClient,
): AnalysisEngine {
  const { handle, model, preprocessor } = session;
  return {
    trace: (input, options = {}) => engine.call('trace', { handle, input }, { signal: options.signal }),
    logits: (inputs, options = {}) => {
      // moved rather than copied when handed over: a curves' call is 20 images (ViT-B: 12 MB), whose
      // copy held the page for tens of milliseconds
      const sent = [...inputs];
      const transfer = options.handOver ? transferablesOf(sent) : undefined;
      return engine.call(
        'logits',
        { handle, inputs: sent, headMask: options.headMask },
        { signal: options.signal, onProgress: options.onProgress, transfer },
      );
    },
    logitsAndAttention: (input, options = {}) =>
      engine.call('logitsAndAttention', { handle, input, headMask: options.headMask }, { signal: options.signal }),
    gradients: (input, classIndex, control = {}) =>
      engine.call('gradients', { handle, input, classIndex }, { signal: control.signal, onProgress: control.onProgress }),
    galleryAttention: async (options = {}) => {
      const index = await fetchSampleIndex<GalleryIndex>(`${baseUrl}samples/`);
      const out: { name: string; attention: Float32Array[] }[] = [];
      for (const [i, entry] of index.images.entries()) {
        options.signal?.throwIfAborted();
        const blob = await (await fetch(`${baseUrl}samples/${entry.file}`)).blob();
        const name = entry.file.split('/').pop()!;
        const decoded = await decodeImageFile(new File([blob], name, { type: blob.type }));
        const prepared = prepareImage(decoded, preprocessor, model.config.imageSize);
        out.push({
          name,
          attention: await engine.call('attention', { handle, input: prepared.input }, { signal: options.signal }),
        });
        options.onProgress?.((i + 1) / index.images.length);
      }
      return out;
    },
    patchFilters: () => engine.call('patchFilters', { handle }),
    readout: () => engine.call('readout', { handle }),
  };
}
