/**
 * How much memory a ViT will take, from its config alone, before a single weight is read or a
 * tensor made: the weights (4 bytes a parameter, as the engine keeps them) and one image's trace
 * (every array of trace.ts, per layer by LAYER_KEYS), plus the forward pass's working space. The
 * verdict refuses what cannot fit in the page (a clear sentence with the sizes), and asks about
 * what is large but may fit. Numbers are doubles: an absurd config gives an absurd, finite estimate.
 */
import type { VitConfig } from './config';
import { vitSizes } from './vitSizes';
import { LAYER_KEYS, type LayerTrace } from './trace';

const FLOAT = 4;

/** The shape of each per-layer trace array: T tokens, D width, h heads, d = D/h, M MLP width. */
export function layerArrayShapes(config: VitConfig): Record<keyof LayerTrace, number[]> {
  const { numTokens: T, headDim: d } = vitSizes(config);
  const D = config.hiddenSize;
  const h = config.numHeads;
  const M = config.intermediateSize;
  const shapes = {
    norm1: [T, D],
    q: [h, T, d],
    k: [h, T, d],
    v: [h, T, d],
    scores: [h, T, T],
    scaled: [h, T, T],
    attn: [h, T, T],
    context: [h, T, d],
    attnOut: [T, D],
    residual1: [T, D],
    norm2: [T, D],
    mlpHidden: [T, M],
    out: [T, D],
  } satisfies Record<(typeof LAYER_KEYS)[number], number[]>;
  return shapes;
}

const count = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Parameters of the model the config describes (the classifier has `numClasses` outputs). */
export function parameterCount(config: VitConfig, numClasses = config.labels.length): number {
  const { numTokens, numPrefixTokens } = vitSizes(config);
  const D = config.hiddenSize;
  const M = config.intermediateSize;
  const P = config.patchSize;
  const patch = config.numChannels * P * P * D + (config.patchBias === false ? 0 : D);
  const prefix = numPrefixTokens * D;
  // register tokens carry no position of their own
  const positions = config.hasPositionEmbeddings ? (numTokens - (config.numRegisterTokens ?? 0)) * D : 0;
  const attention = 3 * D * D + (config.qkvBias ? 3 * D : 0) + D * D + D;
  // SwiGLU (DINOv2 giant): fc1 makes the value and the gate, 2M wide
  const mlpIn = config.gatedMlp ? 2 * M : M;
  const mlp = D * mlpIn + mlpIn + M * D + D;
  const norms = 4 * D + (config.layerScale ? 2 * D : 0);
  const heads = numClasses > 0 ? (config.hasDistillationToken ? 2 : 1) * (D * numClasses + numClasses) : 0;
  const embeddingNorm = config.embeddingNorm ? 2 * D : 0;
  return patch + prefix + positions + embeddingNorm + config.numLayers * (attention + mlp + norms) + 2 * D + heads;
}

export interface MemoryEstimate {
  tokens: number;
  parameters: number;
  /** the weights as the engine holds them */
  weightsBytes: number;
  /** one image's trace as the page keeps it (all of it, or a partial trace's recorded layers: partialTrace.ts) */
  traceBytes: number;
  /** one image's full trace, every layer recorded */
  fullTraceBytes: number;
  /** how many layers' arrays the trace keeps (the model's layer count for a full trace) */
  recordedLayers: number;
  /** the forward pass's temporaries on top of the trace (about one layer's arrays) */
  workingBytes: number;
  totalBytes: number;
  /** the largest single array (a layer's [h, T, T] attention scores, usually) */
  largestArrayBytes: number;
}

/**
 * `recordedLayers`: a partial trace keeps that many layers' arrays, and of the others only their
 * output (the next block's input), T × D each.
 */
export function estimateMemory(
  config: VitConfig,
  numClasses = config.labels.length,
  recordedLayers = config.numLayers,
): MemoryEstimate {
  const { numTokens: T, numPatches: N } = vitSizes(config);
  const D = config.hiddenSize;
  const shapes = Object.values(layerArrayShapes(config));
  const perLayer = shapes.reduce((sum, s) => sum + count(s), 0) * FLOAT;
  const largest = Math.max(...shapes.map(count), config.numChannels * config.imageSize ** 2) * FLOAT;
  const outside = (config.numChannels * config.imageSize ** 2 + N * D + 2 * T * D + D + 2 * numClasses) * FLOAT;
  const parameters = parameterCount(config, numClasses);
  const weightsBytes = parameters * FLOAT;
  const fullTraceBytes = outside + config.numLayers * perLayer;
  const kept = Math.max(0, Math.min(config.numLayers, recordedLayers));
  // (a full trace adds no outputs term: 0 × an infinite size would be NaN on absurd configs)
  const outputsOnly = kept < config.numLayers ? (config.numLayers - kept) * T * D * FLOAT : 0;
  const traceBytes = outside + kept * perLayer + outputsOnly;
  return {
    tokens: T,
    parameters,
    weightsBytes,
    traceBytes,
    fullTraceBytes,
    recordedLayers: kept,
    workingBytes: perLayer,
    totalBytes: weightsBytes + traceBytes + perLayer,
    largestArrayBytes: largest,
  };
}

/** Bytes in words, from bytes to exabytes (and powers of ten beyond). */
export function formatSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  if (value >= 1000) return `${(bytes / 1e18).toExponential(1).replace('e+', ' × 10^')} EB`;
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

/** What the page will hold: the wasm backend's whole memory is 4 GiB (32-bit addresses). */
export const MAX_TOTAL_BYTES = 4 * 2 ** 30;
/** A single array above this fails in every backend (typed arrays and textures, WebAssembly's heap) */
export const MAX_ARRAY_BYTES = 2 * 2 ** 30;
/** Above this the page says the size and asks before building */
export const ASK_ABOVE_BYTES = 2 ** 30;

export type MemoryVerdict =
  | { kind: 'fits'; estimate: MemoryEstimate }
  | { kind: 'ask'; estimate: MemoryEstimate; message: string }
  | { kind: 'refuse'; estimate: MemoryEstimate; message: string };

/** A count in words: 5.7 million, 304 million, 70.9 billion. */
export function formatCount(n: number): string {
  const words: [number, string][] = [
    [1e12, 'trillion'],
    [1e9, 'billion'],
    [1e6, 'million'],
  ];
  for (const [scale, word] of words) if (n >= scale) return `${Number((n / scale).toPrecision(3))} ${word}`;
  return String(n);
}

function describe(e: MemoryEstimate, config: VitConfig): string {
  const partial =
    e.recordedLayers < config.numLayers
      ? `, of which the page keeps ${formatSize(e.traceBytes)} (the layers on screen; the others are re-run when shown)`
      : '';
  return (
    `its weights need ${formatSize(e.weightsBytes)} (${formatCount(e.parameters)} parameters) and one image's trace ` +
    `${formatSize(e.fullTraceBytes)} (${e.tokens} tokens × ${config.numLayers} layers × ${config.numHeads} heads)${partial}, ` +
    `${formatSize(e.totalBytes)} in all with the pass's working space`
  );
}

/**
 * Fits, ask, or refuse. `budgetBytes` is what this page can hold (at most MAX_TOTAL_BYTES; less
 * on a device that reports little memory).
 */
export function memoryVerdict(
  config: VitConfig,
  budgetBytes = MAX_TOTAL_BYTES,
  numClasses = config.labels.length,
  askAboveBytes = ASK_ABOVE_BYTES,
  /** judged by the trace actually recorded: fewer for a partial trace (partialTrace.ts) */
  recordedLayers = config.numLayers,
): MemoryVerdict {
  const estimate = estimateMemory(config, numClasses, recordedLayers);
  const sizes = describe(estimate, config);
  if (estimate.largestArrayBytes > MAX_ARRAY_BYTES) {
    return {
      kind: 'refuse',
      estimate,
      message: `This model is too big to run in a browser: ${sizes}; one of its arrays alone would be ${formatSize(estimate.largestArrayBytes)}, more than the ${formatSize(MAX_ARRAY_BYTES)} any backend can hold in one piece. Nothing was loaded.`,
    };
  }
  if (!(estimate.totalBytes <= budgetBytes)) {
    return {
      kind: 'refuse',
      estimate,
      message: `This model is too big to run here: ${sizes}, more than the ${formatSize(budgetBytes)} this page can hold. Nothing was loaded.`,
    };
  }
  if (estimate.totalBytes > askAboveBytes) {
    return {
      kind: 'ask',
      estimate,
      message: `This is a big model: ${sizes}, of the ${formatSize(budgetBytes)} this page can hold. It may be slow, or the browser may run out of memory.`,
    };
  }
  return { kind: 'fits', estimate };
}
