/**
 * The analyses' engine (src/analysis/engine.ts) bound to the loaded model in the engine's worker:
 * re-runs with a head mask or altered inputs, attention gradients, weights as arrays, and the
 * sample gallery (decoded and preprocessed on the page, its attention computed in the worker).
 * The views get this object and never touch tfjs.
 */
import type { AnalysisEngine, JobControl } from '../analysis/engine';
import { fetchSampleIndex } from '../platform/sampleIndex';
import { decodeImageFile, prepareImage } from '../platform/imageInput';
import type { EngineClient } from '../worker/engineClient';
import { transferablesOf } from '../worker/transfer';
import type { SessionModel } from './sessionTypes';
import { fetchSampleFile } from './imageLoading';

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
    galleryAttention: (options = {}) => galleryAttention(options),
    patchFilters: () => engine.call('patchFilters', { handle }),
    readout: () => engine.call('readout', { handle }),
  };

  /** A sample fetched, decoded and prepared on the page (while the worker runs the one before). */
  async function preparedSample(file: string): Promise<{ name: string; input: Float32Array }> {
    const name = file.split('/').pop()!;
    const decoded = await decodeImageFile(await fetchSampleFile(`${baseUrl}samples/${file}`, name));
    return { name, input: prepareImage(decoded, preprocessor, model.config.imageSize).input };
  }

  async function* galleryAttention(options: JobControl): AsyncGenerator<{ name: string; attention: Float32Array[] }> {
    const { images } = await fetchSampleIndex<GalleryIndex>(`${baseUrl}samples/`);
    const ahead = (i: number) => {
      const next = i < images.length ? preparedSample(images[i]!.file) : null;
      // awaited below unless the caller stops first: then its failure is nobody's to report
      next?.catch(() => {});
      return next;
    };
    let next = ahead(0);
    for (let i = 0; next; i++) {
      options.signal?.throwIfAborted();
      const { name, input } = await next;
      const attention = engine.call('attention', { handle, input }, { signal: options.signal });
      next = ahead(i + 1);
      yield { name, attention: await attention };
      options.onProgress?.((i + 1) / images.length);
    }
  }
}
