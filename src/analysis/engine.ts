/**
 * What the analyses ask of the engine beyond the trace: re-runs with a head mask or altered
 * inputs, attention gradients, weights as arrays, the sample gallery. An interface only: the app
 * binds it to the loaded model (src/app/analysisEngine.ts), tests bind it to plain functions.
 */
import type { AttentionGradients } from '../model/attentionGradients';
import type { HeadMask } from '../model/attentionOps';
import type { Matrix, VitTrace } from '../model/trace';
import type { ReadoutWeights } from '../model/weightArrays';

export interface JobControl {
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export interface AnalysisEngine {
  /** a full trace of another input (the second run of a comparison); its arrays are the caller's own */
  trace: (input: Float32Array, options?: Omit<JobControl, 'onProgress'>) => Promise<VitTrace>;
  /**
   * logits [C] of each input, in batches. handOver: the inputs are made for this call and not read
   * again, so a worker may take their memory instead of a copy (the caller's arrays may be emptied).
   */
  logits: (inputs: Float32Array[], options?: JobControl & { headMask?: HeadMask; handOver?: boolean }) => Promise<Float32Array[]>;
  /**
   * One re-run on an altered input (a masked image, a camera frame): its logits ([C], null without a
   * classifier) and each layer's attention ([h, T, T]); the signal is checked between layers.
   */
  logitsAndAttention: (
    input: Float32Array,
    options?: Omit<JobControl, 'onProgress'> & { headMask?: HeadMask },
  ) => Promise<{ logits: Float32Array | null; attention: Float32Array[] }>;
  /** the signal is checked between layers, forward and backward */
  gradients: (input: Float32Array, classIndex: number, control?: JobControl) => Promise<AttentionGradients>;
  /**
   * each layer's attention [h, T, T] for each sample of the gallery, one sample at a time: a caller
   * that reduces each before asking for the next never holds them all (30 samples of the seed toy's
   * 1,024 tokens are 2.4 GB)
   */
  galleryAttention: (options?: JobControl) => AsyncIterable<{ name: string; attention: Float32Array[] }>;
  patchFilters: () => Promise<Matrix>;
  readout: () => Promise<ReadoutWeights | null>;
}
