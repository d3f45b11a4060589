/**
 * The one protocol between the page and the engine's worker: plain postMessage with typed unions.
 * Each call is a job with an id; the page may cancel a job by its id, and the worker answers with
 * progress, a result (its arrays moved, never copied: see traceTransfer.ts) or an error.
 */
import type { VitConfig } from '../model/config';
import type { PreprocessorConfig } from '../model/preprocessorConfig';
import type { AttentionGradients } from '../model/attentionGradients';
import type { HeadMask } from '../model/attentionOps';
import type { LayerTrace, Matrix, VitTrace } from '../model/trace';
import type { ReadoutWeights } from '../model/weightArrays';
import type { NamingScheme } from '../model/weights';
import type { BackendInfo, BackendName } from '../platform/backendName';
import type { GpuRenderer } from '../platform/backendOrder';
import type { ModelSize, Timings } from '../platform/calibrationStore';
import type { DecodedImage } from '../platform/imageInput';
import type { PreprocessSteps } from '../model/preprocess';

/** How the worker builds a model: the bytes of a model folder's files, or a preset with random weights. */
export type ModelSource =
  | { kind: 'files'; files: { name: string; bytes: ArrayBuffer }[] }
  | { kind: 'preset'; id: string }
  /** random weights for a config.json's fields (the benchmark's models) */
  | { kind: 'random'; config: Record<string, unknown>; numClasses: number };

/** What the page reads of a model: everything but its tensors. */
export interface ModelInfo {
  config: VitConfig;
  naming: NamingScheme | 'direct';
  numClasses: number;
  numParameters: number;
}

export interface BuiltModel {
  /** names the model in later calls; several may live at once */
  handle: number;
  model: ModelInfo;
  preprocessor: PreprocessorConfig;
  fileNames: string[];
  warnings?: string[];
}

/** A chosen image file's bytes (moved to the worker) and how the model wants it prepared. */
export interface PrepareImageArgs {
  bytes: ArrayBuffer;
  name: string;
  preprocessor: PreprocessorConfig;
  modelSize: number;
}

/** The decoded image and every preprocessing step, its arrays moved to the page. */
export interface PreparedPixels {
  decoded: DecodedImage;
  steps: PreprocessSteps;
}

/** Each call's arguments (beside its name) and its result. */
export interface EngineCalls {
  /** `halfFloatWebgl`: a test's request that WebGL compute in 16-bit floats, as on many phones */
  startBackend: { args: { requested: BackendName | null; halfFloatWebgl?: boolean }; result: BackendInfo };
  /** disposes every model first: their tensors belong to the old backend */
  switchBackend: { args: { requested: BackendName }; result: BackendInfo };
  buildModel: { args: { source: ModelSource }; result: BuiltModel };
  disposeModel: { args: { handle: number }; result: null };
  /** the page's trace: the worker may keep its memory (shared) until releaseTrace(traceId) */
  runTrace: {
    /** recordLayers: a partial trace's layers (see partialTrace.ts); all when absent */
    args: { handle: number; input: Float32Array; recordLayers?: number[] };
    result: { traceId: number; trace: VitTrace };
  };
  releaseTrace: { args: { traceId: number }; result: null };
  /** one encoder block re-run alone from its input (a partial trace's layer not recorded): that layer's arrays */
  block: { args: { handle: number; layer: number; input: Float32Array }; result: LayerTrace };
  /** decode and preprocess a raster image (not SVG) here, off the page's main thread */
  prepareImage: { args: PrepareImageArgs; result: PreparedPixels };
  /** a trace whose arrays the caller owns (nothing kept in the worker) */
  trace: { args: { handle: number; input: Float32Array; headMask?: HeadMask }; result: VitTrace };
  logits: { args: { handle: number; inputs: Float32Array[]; headMask?: HeadMask }; result: Float32Array[] };
  logitsAndAttention: {
    args: { handle: number; input: Float32Array; headMask?: HeadMask };
    result: { logits: Float32Array | null; attention: Float32Array[] };
  };
  attention: { args: { handle: number; input: Float32Array }; result: Float32Array[] };
  gradients: { args: { handle: number; input: Float32Array; classIndex: number }; result: AttentionGradients };
  patchFilters: { args: { handle: number }; result: Matrix };
  readout: { args: { handle: number }; result: ReadoutWeights | null };
  /** the engine's WebGL renderer (as the worker sees it) and whether its backend now computes in 16-bit floats */
  gpuFacts: { args: Record<string, never>; result: { webgl: GpuRenderer | null; halfFloat: boolean } };
  /** a timed pass of this size on each candidate backend (calibration.ts); the engine then goes back to `current` */
  calibrate: { args: { candidates: BackendName[]; size: ModelSize; current: BackendName }; result: Timings };
  /** WebGL-in-16-bit's largest attention difference from float32 on the CPU, on this model (rebuilt on the CPU from its source) */
  webglError: { args: { handle: number; source: ModelSource }; result: number };
  /** tf.memory().numTensors in the worker, for the tests */
  tensors: { args: Record<string, never>; result: number };
}
export type CallName = keyof EngineCalls;
export type EngineRequest = { [K in CallName]: { call: K } & EngineCalls[K]['args'] }[CallName];
export type ResultOf<K extends CallName> = EngineCalls[K]['result'];

/** Page → worker. */
export type ToEngine =
  | { kind: 'job'; id: number; request: EngineRequest }
  | { kind: 'cancel'; id: number }
  /** the page's answer to a job's question (the memory guard's): null = go on, else why not */
  | { kind: 'answer'; id: number; refusal: { name: string; message: string } | null }
  /** where the page keeps the time of its last input (platform/pageInput.ts), sent once after start */
  | { kind: 'pageInput'; buffer: SharedArrayBuffer };

/** Worker → page. */
export type FromEngine =
  | { kind: 'done'; id: number; result: unknown }
  | { kind: 'failed'; id: number; error: { name: string; message: string }; cancelled: boolean }
  | { kind: 'progress'; id: number; fraction: number }
  /** a model load asks whether a model of this size may be built (the page's memory guard) */
  | { kind: 'ask'; id: number; config: VitConfig; numClasses: number };

/** The name an error carries when its job was cancelled (an AbortSignal's reason is an AbortError). */
export const CANCELLED = 'AbortError';
