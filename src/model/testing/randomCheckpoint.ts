/**
 * Small random ViTs in float64: the canonical weights a reference forward pass reads, with the values
 * already rounded to the dtype they will be stored in (F32, F16 or BF16). checkpointFiles.ts writes
 * them as the files a user hands to the page; the unit tests, the end-to-end tests and the demo-model
 * script use both.
 */
import type { SafetensorsDtype } from '../safetensors';
import { float16ToFloat32 } from '../safetensors';
import { float32ToBfloat16Bits, float32ToFloat16Bits } from '../safetensorsWriter';

export interface RandomVitSpec {
  hiddenSize: number;
  numLayers: number;
  numHeads: number;
  intermediateSize: number;
  imageSize: number;
  patchSize: number;
  numChannels?: number;
  numClasses: number | null;
  qkvBias?: boolean;
  hiddenAct?: string;
  classToken?: boolean;
  positionEmbeddings?: boolean;
  pooling?: 'cls' | 'mean';
  layerNormEps?: number;
  labels?: string[];
  seed?: number;
  /** DeiT with a teacher: a distillation token after [CLS] and a second head */
  distilled?: boolean;
  /**
   * 'dinov2': LayerScale, registers when `registers` > 0, positions learned at positionImageSize;
   * intermediateSize is then derived from mlpRatio as Dinov2Config does. 'clip': pre_layrnorm, no
   * patch bias, quick_gelu by default, no classifier.
   */
  family?: 'vit' | 'dinov2' | 'clip';
  /** register tokens after [CLS] (DINOv2 with registers, timm reg_token) */
  registers?: number;
  /** LayerScale γ on both branches (default: on for DINOv2) */
  layerScale?: boolean;
  /** SwiGLU MLP (DINOv2 giant, timm SwiGLUPacked) */
  gatedMlp?: boolean;
  /** DINOv2's mlp_ratio (default 4) */
  mlpRatio?: number;
  /** the image size the position embeddings were learned at (config image_size); default imageSize */
  positionImageSize?: number;
  /** config.json's transformers_version (selects DINOv2's interpolation) */
  transformersVersion?: string;
  /** timm no_embed_class: positions for the patches only */
  noEmbedClass?: boolean;
}

export type Naming =
  | 'huggingface-vit'
  | 'huggingface-deit'
  | 'huggingface-bare'
  | 'timm'
  | 'huggingface-dinov2'
  | 'huggingface-clip-vision'
  /** a full CLIPModel: the vision tower under vision_model.*, plus a text tower and projections to skip */
  | 'huggingface-clip';

export interface CanonicalLinear {
  weight: Float64Array;
  bias: Float64Array | null;
  out: number;
  in: number;
}
export interface CanonicalNorm {
  gamma: Float64Array;
  beta: Float64Array;
}
export interface CanonicalLayer {
  norm1: CanonicalNorm;
  query: CanonicalLinear;
  key: CanonicalLinear;
  value: CanonicalLinear;
  proj: CanonicalLinear;
  norm2: CanonicalNorm;
  /** [M or 2M, D]: SwiGLU's packed input projection holds x₁ then x₂ */
  fc1: CanonicalLinear;
  fc2: CanonicalLinear;
  ls1: Float64Array | null;
  ls2: Float64Array | null;
}
export interface CanonicalVit {
  spec: Required<Omit<RandomVitSpec, 'labels' | 'numClasses'>> & { numClasses: number | null; labels: string[] };
  patchWeight: Float64Array;
  /** null for CLIP's bias-free patch convolution */
  patchBias: Float64Array | null;
  classToken: Float64Array | null;
  distillationToken: Float64Array | null;
  /** [registers, D] */
  registerTokens: Float64Array | null;
  /** as stored: [positionPrefix + positionGrid², D] */
  positionEmbeddings: Float64Array | null;
  /** stored rows before the patch grid */
  positionPrefix: number;
  /** patches per side of the stored grid */
  positionGrid: number;
  /** CLIP's pre_layrnorm */
  preNorm: CanonicalNorm | null;
  layers: CanonicalLayer[];
  finalNorm: CanonicalNorm;
  classifier: CanonicalLinear | null;
  distillationClassifier: CanonicalLinear | null;
}

export { seededRandom } from '../seededRandom';
import { seededRandom } from '../seededRandom';

function roundTo(dtype: SafetensorsDtype, value: number): number {
  if (dtype === 'F32') return Math.fround(value);
  if (dtype === 'F16') return float16ToFloat32(float32ToFloat16Bits(value));
  return new Float32Array(new Uint32Array([float32ToBfloat16Bits(value) << 16]).buffer)[0]!;
}

/** Dinov2Config's MLP width: int(D · mlp_ratio), for SwiGLU × 2/3 rounded up to a multiple of 8. */
export function dinov2MlpWidth(D: number, mlpRatio: number, gated: boolean): number {
  const m = Math.floor(D * mlpRatio);
  return gated ? Math.floor((Math.floor((m * 2) / 3) + 7) / 8) * 8 : m;
}

export function randomCanonicalVit(spec: RandomVitSpec, dtype: SafetensorsDtype = 'F32'): CanonicalVit {
  const family = spec.family ?? 'vit';
  const dinov2 = family === 'dinov2';
  const full = {
    numChannels: 3,
    qkvBias: true,
    hiddenAct: family === 'clip' ? 'quick_gelu' : 'gelu',
    classToken: true,
    positionEmbeddings: true,
    layerNormEps: family === 'clip' ? 1e-5 : 1e-6,
    seed: 1,
    distilled: false,
    family,
    registers: 0,
    layerScale: dinov2,
    gatedMlp: false,
    mlpRatio: 4,
    positionImageSize: spec.imageSize,
    transformersVersion: '4.48.0',
    noEmbedClass: false,
    ...spec,
    intermediateSize: dinov2
      ? dinov2MlpWidth(spec.hiddenSize, spec.mlpRatio ?? 4, spec.gatedMlp ?? false)
      : spec.intermediateSize,
    pooling: spec.pooling ?? (spec.classToken === false ? 'mean' : 'cls'),
    labels: spec.labels ?? (spec.numClasses ? Array.from({ length: spec.numClasses }, (_, i) => `class ${i}`) : []),
  } as CanonicalVit['spec'];
  const rand = seededRandom(full.seed);
  const uniform = (n: number, scale: number, centre = 0) => {
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = roundTo(dtype, centre + (rand() * 2 - 1) * scale);
    return a;
  };
  const D = full.hiddenSize;
  const M = full.intermediateSize;
  const lin = (out: number, inn: number, scale: number, bias = true): CanonicalLinear => ({
    weight: uniform(out * inn, scale / Math.sqrt(inn)),
    bias: bias ? uniform(out, 0.1) : null,
    out,
    in: inn,
  });
  const norm = (): CanonicalNorm => ({ gamma: uniform(D, 0.2, 1), beta: uniform(D, 0.1) });
  const positionGrid = full.positionImageSize / full.patchSize;
  const distilled = full.classToken && full.distilled;
  // rows stored before the patch grid: ViT/DeiT every prefix token; DINOv2 and CLIP [CLS] only; timm no_embed_class none
  const positionPrefix = full.noEmbedClass
    ? 0
    : family === 'vit'
      ? (full.classToken ? 1 : 0) + (distilled ? 1 : 0) + full.registers
      : 1;
  const patchIn = full.numChannels * full.patchSize * full.patchSize;
  // LayerScale around 0.1–0.5, as trained models have (initialised at 1e-5 or 1, learned away from it)
  const layerScale = () => (full.layerScale ? uniform(D, 0.2, 0.3) : null);
  return {
    spec: full,
    patchWeight: uniform(D * patchIn, 1.5 / Math.sqrt(patchIn)),
    patchBias: family === 'clip' ? null : uniform(D, 0.1),
    classToken: full.classToken ? uniform(D, 1) : null,
    distillationToken: distilled ? uniform(D, 1) : null,
    registerTokens: full.registers > 0 ? uniform(full.registers * D, 1) : null,
    positionEmbeddings: full.positionEmbeddings ? uniform((positionPrefix + positionGrid * positionGrid) * D, 0.5) : null,
    positionPrefix,
    positionGrid,
    preNorm: family === 'clip' ? norm() : null,
    layers: Array.from({ length: full.numLayers }, () => ({
      norm1: norm(),
      // larger Q/K weights make the attention peaky, as in trained models
      query: lin(D, D, 3, full.qkvBias),
      key: lin(D, D, 3, full.qkvBias),
      value: lin(D, D, 1.5, full.qkvBias),
      proj: lin(D, D, 1),
      norm2: norm(),
      fc1: lin(full.gatedMlp ? 2 * M : M, D, 1.5),
      fc2: lin(D, M, 1),
      ls1: layerScale(),
      ls2: layerScale(),
    })),
    finalNorm: norm(),
    classifier: full.numClasses ? lin(full.numClasses, D, 2) : null,
    distillationClassifier: distilled && full.numClasses ? lin(full.numClasses, D, 2) : null,
  };
}

/** A seeded random image in the model's input space, [C, S, S]. */
export function randomInput(vit: CanonicalVit, seed = 7): Float32Array {
  const rand = seededRandom(seed);
  const n = vit.spec.numChannels * vit.spec.imageSize * vit.spec.imageSize;
  return Float32Array.from({ length: n }, () => rand() * 2 - 1);
}
