/**
 * The architecture of a ViT, read from a Hugging Face `config.json`.
 *
 * DINOv2's and CLIP's configs are read in familyConfig.ts. Hugging Face's ViT config always has a
 * [CLS] token, learned position embeddings and [CLS] pooling. Models such as the seed article's toy ViT have none of these, so ViT Lens reads three
 * keys of its own when present: `vitlens_class_token`, `vitlens_position_embeddings` and
 * `vitlens_pooling` ("cls" | "mean").
 */
import { familyConfig } from './familyConfig';

export type Activation = 'gelu' | 'gelu_tanh' | 'relu' | 'quick_gelu';
export type Pooling = 'cls' | 'mean';
/** The checkpoint's architecture family, for the tensor names and the layer's extras. */
export type ModelFamily = 'vit' | 'dinov2' | 'clip';
/**
 * How the stored position embeddings are resized to the input's grid, as the transformers version
 * named in the checkpoint's config does it (torch's F.interpolate, bicubic, align_corners=False):
 * - 'scale-factor-offset': scale_factor = (grid + 0.1) / stored grid, no antialias (Dinov2Model, transformers < 4.45)
 * - 'size': size = grid, no antialias (Dinov2Model, transformers ≥ 4.45, PR #33226)
 * - 'size-antialias': size = grid, antialias=True (Dinov2WithRegistersModel, every release)
 */
export type PositionInterpolation = 'scale-factor-offset' | 'size' | 'size-antialias';

export interface VitConfig {
  hiddenSize: number;
  numLayers: number;
  numHeads: number;
  intermediateSize: number;
  activation: Activation;
  imageSize: number;
  patchSize: number;
  numChannels: number;
  qkvBias: boolean;
  layerNormEps: number;
  hasClassToken: boolean;
  hasPositionEmbeddings: boolean;
  /**
   * DeiT's distillation token, token 1 after [CLS] (DeiTForImageClassificationWithTeacher, timm's
   * `dist_token`); its own head's logits are averaged with the [CLS] head's, as Hugging Face does.
   */
  hasDistillationToken?: boolean;
  /** register tokens after [CLS] (DINOv2 with registers, timm `*_reg4`); 0 or absent when none */
  numRegisterTokens?: number;
  pooling: Pooling;
  /** Class names by index; empty when the checkpoint has no classifier labels. */
  labels: string[];
  /** 'vit' when absent (ViT, DeiT, DINO v1, timm ViTs) */
  family?: ModelFamily;
  /** LayerScale (DINOv2): each branch's output is multiplied by a learned vector γ before the residual add */
  layerScale?: boolean;
  /** SwiGLU MLP (DINOv2 giant): mlpHidden = silu(x·W₁ + b₁) ⊙ (x·W₂ + b₂), intermediateSize wide */
  gatedMlp?: boolean;
  /** CLIP's pre_layrnorm: a LayerNorm on the embeddings before the first block */
  embeddingNorm?: boolean;
  /** CLIP's patch convolution has no bias */
  patchBias?: boolean;
  /** patches per side of the stored position embeddings, when it differs from this input's grid */
  positionGridSize?: number;
  /** how the positions are resized to the input's grid (see PositionInterpolation) */
  positionInterpolation?: PositionInterpolation;
}

export { vitSizes, type VitSizes } from './vitSizes';

const ACTIVATIONS: Record<string, Activation> = {
  gelu: 'gelu',
  gelu_new: 'gelu_tanh',
  gelu_fast: 'gelu_tanh',
  gelu_pytorch_tanh: 'gelu_tanh',
  relu: 'relu',
  quick_gelu: 'quick_gelu',
};

export class ConfigError extends Error {
  constructor(fileName: string, reason: string) {
    super(`${fileName}: ${reason}`);
    this.name = 'ConfigError';
  }
}

/** config.json's hidden_act (or `fallback` without one) as an activation; one of the table's own keys, never Object's. */
export function activationOf(r: Record<string, unknown>, fallback: string, fileName: string): Activation {
  const name = r.hidden_act ?? fallback;
  const activation = typeof name === 'string' && Object.hasOwn(ACTIVATIONS, name) ? ACTIVATIONS[name] : undefined;
  if (!activation) {
    throw new ConfigError(
      fileName,
      `hidden_act ${JSON.stringify(name)} is not supported (use ${Object.keys(ACTIVATIONS).join(', ')})`,
    );
  }
  return activation;
}

export function positiveInt(raw: Record<string, unknown>, key: string, fileName: string, fallback?: number): number {
  const value = raw[key] ?? fallback;
  if (value === undefined) throw new ConfigError(fileName, `"${key}" is missing: ViT Lens needs it to build the model`);
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new ConfigError(fileName, `"${key}" must be a positive integer (got ${JSON.stringify(value)})`);
  }
  return value;
}

export function optionalBool(raw: Record<string, unknown>, key: string, fileName: string, fallback: boolean): boolean {
  const value = raw[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new ConfigError(fileName, `"${key}" must be true or false`);
  return value;
}

export function readLabels(raw: Record<string, unknown>, fileName: string): string[] {
  const id2label = raw.id2label;
  if (id2label === undefined) return [];
  if (typeof id2label !== 'object' || id2label === null) {
    throw new ConfigError(fileName, '"id2label" must be an object mapping class index to name');
  }
  const entries = Object.entries(id2label as Record<string, unknown>);
  const labels: string[] = new Array(entries.length);
  for (const [key, name] of entries) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || index >= entries.length) {
      throw new ConfigError(fileName, `"id2label" key "${key}" is not a class index 0…${entries.length - 1}`);
    }
    labels[index] = String(name);
  }
  return labels;
}

export function architectures(raw: Record<string, unknown>): string[] {
  return Array.isArray(raw.architectures) ? raw.architectures.filter((a): a is string => typeof a === 'string') : [];
}

/** Parses and validates `config.json` text. Errors name the file and the key. */
export function parseVitConfig(text: string, fileName = 'config.json'): VitConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(fileName, `not valid JSON (${(error as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(fileName, 'must be a JSON object');
  }
  const r = raw as Record<string, unknown>;
  const family = familyConfig(r, fileName);
  if (family) return family;
  const hiddenSize = positiveInt(r, 'hidden_size', fileName);
  const numHeads = positiveInt(r, 'num_attention_heads', fileName);
  if (hiddenSize % numHeads !== 0) {
    throw new ConfigError(fileName, `hidden_size ${hiddenSize} is not divisible by num_attention_heads ${numHeads}`);
  }
  const imageSize = positiveInt(r, 'image_size', fileName, 224);
  const patchSize = positiveInt(r, 'patch_size', fileName, 16);
  if (imageSize % patchSize !== 0) {
    throw new ConfigError(fileName, `image_size ${imageSize} is not a multiple of patch_size ${patchSize}`);
  }
  const activation = activationOf(r, 'gelu', fileName);
  const eps = r.layer_norm_eps ?? 1e-12;
  if (typeof eps !== 'number' || !(eps > 0)) throw new ConfigError(fileName, '"layer_norm_eps" must be a positive number');
  const hasClassToken = optionalBool(r, 'vitlens_class_token', fileName, true);
  const poolingRaw = r.vitlens_pooling ?? (hasClassToken ? 'cls' : 'mean');
  if (poolingRaw !== 'cls' && poolingRaw !== 'mean') {
    throw new ConfigError(fileName, '"vitlens_pooling" must be "cls" or "mean"');
  }
  if (poolingRaw === 'cls' && !hasClassToken) {
    throw new ConfigError(fileName, '"vitlens_pooling" is "cls" but the model has no class token');
  }
  return {
    hiddenSize,
    numLayers: positiveInt(r, 'num_hidden_layers', fileName),
    numHeads,
    intermediateSize: positiveInt(r, 'intermediate_size', fileName, 4 * hiddenSize),
    activation,
    imageSize,
    patchSize,
    numChannels: positiveInt(r, 'num_channels', fileName, 3),
    qkvBias: optionalBool(r, 'qkv_bias', fileName, true),
    layerNormEps: eps,
    hasClassToken,
    hasPositionEmbeddings: optionalBool(r, 'vitlens_position_embeddings', fileName, true),
    hasDistillationToken: hasClassToken && architectures(r).includes('DeiTForImageClassificationWithTeacher'),
    pooling: poolingRaw,
    labels: readLabels(r, fileName),
  };
}
