/**
 * The config.json of the ViT families beyond ViT/DeiT, read with the defaults of their transformers
 * config classes (a key left out of the file takes the class's default, as from_pretrained does):
 * - DINOv2 (`Dinov2Model`, model_type "dinov2") and DINOv2 with registers (`Dinov2WithRegistersModel`):
 *   LayerScale, patch 14, optional SwiGLU MLP (giant), registers after [CLS], position embeddings
 *   learned at `image_size` (518) and interpolated to the input's grid.
 * - CLIP's vision tower (`CLIPVisionModel`, or the `vision_config` of a full `CLIPModel`):
 *   pre_layrnorm, quick_gelu, a class embedding, no patch bias, post_layernorm; no classifier.
 */
import {
  activationOf,
  architectures,
  ConfigError,
  optionalBool,
  positiveInt,
  type PositionInterpolation,
  type VitConfig,
} from './config';

type Family = 'dinov2' | 'dinov2-registers' | 'clip' | 'clip-vision';

function familyOf(r: Record<string, unknown>): Family | null {
  const arch = architectures(r);
  const type = r.model_type;
  if (type === 'dinov2_with_registers' || arch.some((a) => a.startsWith('Dinov2WithRegisters'))) return 'dinov2-registers';
  if (type === 'dinov2' || arch.some((a) => a.startsWith('Dinov2'))) return 'dinov2';
  if (type === 'clip_vision_model' || arch.some((a) => a.startsWith('CLIPVision'))) return 'clip-vision';
  if (type === 'clip' || arch.includes('CLIPModel')) return 'clip';
  return null;
}

function positiveNumber(r: Record<string, unknown>, key: string, fileName: string, fallback: number): number {
  const value = r[key] ?? fallback;
  if (typeof value !== 'number' || !(value > 0)) throw new ConfigError(fileName, `"${key}" must be a positive number`);
  return value;
}

/** transformers_version ≥ major.minor; a config that names no version is read as the newest. */
export function transformersAtLeast(r: Record<string, unknown>, major: number, minor: number): boolean {
  const match = typeof r.transformers_version === 'string' ? /^(\d+)\.(\d+)/.exec(r.transformers_version) : null;
  if (!match) return true;
  const [maj, min] = [Number(match[1]), Number(match[2])];
  return maj > major || (maj === major && min >= minor);
}

/**
 * The interpolation of the transformers version the config names: Dinov2WithRegisters has used
 * size + antialias since its first release (4.48); Dinov2 used scale_factor with a +0.1 offset until
 * PR #33226 (4.45) switched it to size.
 */
export function positionInterpolationOf(r: Record<string, unknown>, registers: boolean): PositionInterpolation {
  if (registers) return 'size-antialias';
  return transformersAtLeast(r, 4, 45) ? 'size' : 'scale-factor-offset';
}

function sizes(r: Record<string, unknown>, fileName: string, defaults: { D: number; layers: number; heads: number }) {
  const hiddenSize = positiveInt(r, 'hidden_size', fileName, defaults.D);
  const numHeads = positiveInt(r, 'num_attention_heads', fileName, defaults.heads);
  if (hiddenSize % numHeads !== 0) {
    throw new ConfigError(fileName, `hidden_size ${hiddenSize} is not divisible by num_attention_heads ${numHeads}`);
  }
  return { hiddenSize, numHeads, numLayers: positiveInt(r, 'num_hidden_layers', fileName, defaults.layers) };
}

function imageAndPatch(r: Record<string, unknown>, fileName: string, image: number, patch: number) {
  const imageSize = positiveInt(r, 'image_size', fileName, image);
  const patchSize = positiveInt(r, 'patch_size', fileName, patch);
  if (imageSize % patchSize !== 0) {
    throw new ConfigError(fileName, `image_size ${imageSize} is not a multiple of patch_size ${patchSize}`);
  }
  return { imageSize, patchSize };
}

function dinov2Config(r: Record<string, unknown>, fileName: string, registers: boolean): VitConfig {
  const { hiddenSize, numHeads, numLayers } = sizes(r, fileName, { D: 768, layers: 12, heads: 12 });
  const gatedMlp = optionalBool(r, 'use_swiglu_ffn', fileName, false);
  // Dinov2MLP: int(D · mlp_ratio); Dinov2SwiGLUFFN: that, × 2/3, rounded up to a multiple of 8
  let intermediateSize = Math.floor(hiddenSize * positiveNumber(r, 'mlp_ratio', fileName, 4));
  if (gatedMlp) intermediateSize = Math.floor((Math.floor((intermediateSize * 2) / 3) + 7) / 8) * 8;
  const { imageSize, patchSize } = imageAndPatch(r, fileName, 224, 14);
  return {
    hiddenSize,
    numLayers,
    numHeads,
    intermediateSize,
    activation: activationOf(r, 'gelu', fileName),
    imageSize,
    patchSize,
    numChannels: positiveInt(r, 'num_channels', fileName, 3),
    qkvBias: optionalBool(r, 'qkv_bias', fileName, true),
    layerNormEps: positiveNumber(r, 'layer_norm_eps', fileName, 1e-6),
    hasClassToken: true,
    hasPositionEmbeddings: true,
    hasDistillationToken: false,
    numRegisterTokens: registers ? positiveInt(r, 'num_register_tokens', fileName, 4) : 0,
    pooling: 'cls',
    labels: [],
    family: 'dinov2',
    layerScale: true,
    gatedMlp,
    positionGridSize: imageSize / patchSize,
    positionInterpolation: positionInterpolationOf(r, registers),
  };
}

function clipVisionConfig(r: Record<string, unknown>, fileName: string): VitConfig {
  const { hiddenSize, numHeads, numLayers } = sizes(r, fileName, { D: 768, layers: 12, heads: 12 });
  const { imageSize, patchSize } = imageAndPatch(r, fileName, 224, 32);
  return {
    hiddenSize,
    numLayers,
    numHeads,
    intermediateSize: positiveInt(r, 'intermediate_size', fileName, 3072),
    activation: activationOf(r, 'quick_gelu', fileName),
    imageSize,
    patchSize,
    numChannels: positiveInt(r, 'num_channels', fileName, 3),
    qkvBias: true,
    layerNormEps: positiveNumber(r, 'layer_norm_eps', fileName, 1e-5),
    hasClassToken: true,
    hasPositionEmbeddings: true,
    hasDistillationToken: false,
    numRegisterTokens: 0,
    pooling: 'cls',
    labels: [],
    family: 'clip',
    embeddingNorm: true,
    patchBias: false,
  };
}

/** The VitConfig of a DINOv2 or CLIP config, or null when the config is of neither family. */
export function familyConfig(r: Record<string, unknown>, fileName: string): VitConfig | null {
  const family = familyOf(r);
  if (!family) return null;
  const head = architectures(r).find((a) => a.endsWith('ForImageClassification'));
  if (head) {
    throw new ConfigError(
      fileName,
      `${head} is not supported: ViT Lens reads the ${family.startsWith('dinov2') ? 'Dinov2Model / Dinov2WithRegistersModel' : 'CLIPVisionModel / CLIPModel'} backbone (this head's classifier reads more than [CLS])`,
    );
  }
  if (family === 'clip') {
    const vision = r.vision_config;
    if (typeof vision !== 'object' || vision === null || Array.isArray(vision)) {
      throw new ConfigError(fileName, 'a CLIPModel config needs "vision_config" (the image tower ViT Lens reads)');
    }
    // older CLIP configs also carry vision_config_dict, which CLIPConfig lets override vision_config
    const dict = typeof r.vision_config_dict === 'object' && r.vision_config_dict !== null ? r.vision_config_dict : {};
    return clipVisionConfig({ ...(vision as Record<string, unknown>), ...dict }, `${fileName} vision_config`);
  }
  if (family === 'clip-vision') return clipVisionConfig(r, fileName);
  return dinov2Config(r, fileName, family === 'dinov2-registers');
}

/**
 * The config at another input size (DINOv2: learned at 518 px, run at the preprocessor's crop):
 * the grid follows the input, the stored positions are interpolated to it (see positionGridSize).
 */
export function atInputSize(config: VitConfig, size: number, fileName: string): VitConfig {
  if (size === config.imageSize) return config;
  if (config.positionGridSize === undefined) {
    throw new ConfigError(fileName, `the preprocessor makes ${size} px inputs but this model takes ${config.imageSize} px`);
  }
  if (size % config.patchSize !== 0) {
    throw new ConfigError(fileName, `the input size ${size} is not a multiple of the patch size ${config.patchSize}`);
  }
  return { ...config, imageSize: size };
}
