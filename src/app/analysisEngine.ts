/**
 * The analyses' engine (src/analysis/engine.ts) bound to the loaded model: re-runs with a head
 * mask or altered inputs, attention gradients, weights as arrays, and the sample gallery
 * preprocessed for this model. The views get this object and never touch tfjs.
 */
import type { AnalysisEngine } from '../analysis/engine';
import { fetchSampleIndex } from '../platform/sampleIndex';
import { runTrace } from '../model/forward';
import { runAttention, runLogits, runLogitsAndAttention } from '../model/tensorForward';
import { readPatchFilters, readReadout } from '../model/weightArrays';
import { decodeImageFile, prepareImage } from '../platform/imageInput';
import type { SessionModel } from './useVitSession';

interface GalleryIndex {
  images: { file: string; title: string; group: string }[];
}

export function analysisEngine(session: SessionModel, baseUrl: string): AnalysisEngine {
  const { model, preprocessor } = session;
  return {
    trace: (input, options = {}) => runTrace(model, input, { signal: options.signal }),
    logits: (inputs, options = {}) =>
      runLogits(model, inputs, {
        headMask: options.headMask,
        signal: options.signal,
        onProgress: (done) => options.onProgress?.(done / inputs.length),
      }),
    logitsAndAttention: (input, options = {}) =>
      runLogitsAndAttention(model, input, { headMask: options.headMask, signal: options.signal }),
    // the gradient code (tfjs's gradients of every op) loads with the first analysis that needs it
    gradients: async (input, classIndex, control = {}) =>
      (await import('../model/attentionGradients')).attentionGradients(
        model,
        input,
        classIndex,
        undefined,
        control.signal,
        control.onProgress,
      ),
    galleryAttention: async (options = {}) => {
      const index = await fetchSampleIndex<GalleryIndex>(`${baseUrl}samples/`);
      const out: { name: string; attention: Float32Array[] }[] = [];
      for (const [i, entry] of index.images.entries()) {
        options.signal?.throwIfAborted();
        const blob = await (await fetch(`${baseUrl}samples/${entry.file}`)).blob();
        const name = entry.file.split('/').pop()!;
        const decoded = await decodeImageFile(new File([blob], name, { type: blob.type }));
        const prepared = prepareImage(decoded, preprocessor, model.config.imageSize);
        out.push({ name, attention: await runAttention(model, prepared.input, undefined, options.signal) });
        options.onProgress?.((i + 1) / index.images.length);
      }
      return out;
    },
    patchFilters: () => readPatchFilters(model),
    readout: () => readReadout(model),
  };
}
