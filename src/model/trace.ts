/**
 * The trace of one forward pass: every intermediate tensor as plain typed arrays, row-major.
 * Never holds a tf.Tensor, so views and analyses can read it freely.
 * T tokens, D width, h heads, d = D/h, M MLP width, C classes.
 */
import type { VitConfig } from './config';
import type { TokenLayout } from './tokenLayout';

export interface Matrix {
  data: Float32Array;
  shape: number[];
}

export interface LayerTrace {
  /** [T, D] LayerNorm before attention */
  norm1: Matrix;
  /** [h, T, d] */
  q: Matrix;
  k: Matrix;
  v: Matrix;
  /** [h, T, T] Q·Kᵀ */
  scores: Matrix;
  /** [h, T, T] scores ÷ √d */
  scaled: Matrix;
  /** [h, T, T] softmax over keys: the attention weights */
  attn: Matrix;
  /** [h, T, d] attn · V */
  context: Matrix;
  /** [T, D] heads concatenated, then the output projection */
  attnOut: Matrix;
  /** [T, D] input + attnOut */
  residual1: Matrix;
  /** [T, D] LayerNorm before the MLP */
  norm2: Matrix;
  /** [T, M] fc1 then the activation */
  mlpHidden: Matrix;
  /** [T, D] residual1 + fc2(mlpHidden): the block's output */
  out: Matrix;
}

export interface VitTrace {
  config: VitConfig;
  /** which token is which ([CLS], [DIST], registers, the patch grid): the one description every view and analysis reads */
  layout: TokenLayout;
  /** [C, H, W] the image exactly as the model saw it */
  input: Matrix;
  /** [N, D] patch embedding, before [CLS] and position embeddings */
  patchTokens: Matrix;
  /** [T, D] the encoder's input */
  embeddings: Matrix;
  layers: LayerTrace[];
  /** [T, D] */
  finalNorm: Matrix;
  /** [D] */
  pooled: Matrix;
  /** [C], null for a model without a classifier */
  logits: Matrix | null;
  /** [C], null for a model without a classifier */
  probs: Matrix | null;
  /**
   * Which layers hold their arrays (a partial trace: see partialTrace.ts); the others hold only
   * `out`, the next block's input, and empty arrays. Absent: every layer is recorded.
   */
  recorded?: boolean[];
}

/** Whether layer l's arrays are in the trace (always, in a full trace). */
export function isRecorded(trace: VitTrace, l: number): boolean {
  return !trace.recorded || trace.recorded[l] === true;
}

/** Whether some layer's arrays are missing. */
export function isPartial(trace: VitTrace): boolean {
  return !!trace.recorded && trace.recorded.some((r) => !r);
}

/** The recorded layers' indices. */
export function recordedLayers(trace: VitTrace): number[] {
  return trace.layers.flatMap((_, l) => (!trace.recorded || trace.recorded[l] ? [l] : []));
}

/** Block l's input in a trace: the embeddings, or the previous block's output (kept in every trace). */
export function blockInputOf(trace: VitTrace, l: number): Float32Array {
  return l === 0 ? trace.embeddings.data : trace.layers[l - 1]!.out.data;
}

export const LAYER_KEYS = [
  'norm1',
  'q',
  'k',
  'v',
  'scores',
  'scaled',
  'attn',
  'context',
  'attnOut',
  'residual1',
  'norm2',
  'mlpHidden',
  'out',
] as const satisfies readonly (keyof LayerTrace)[];

export function traceBytes(trace: VitTrace): number {
  let bytes = 0;
  const add = (m: Matrix | null) => {
    if (m) bytes += m.data.byteLength;
  };
  [trace.input, trace.patchTokens, trace.embeddings, trace.finalNorm, trace.pooled, trace.logits, trace.probs].forEach(add);
  for (const layer of trace.layers) for (const key of LAYER_KEYS) add(layer[key]);
  return bytes;
}
