/**
 * timm's `config.json` (as on the Hub's `timm/*` repositories): an `architecture` name such as
 * `deit_tiny_patch16_224` and a `pretrained_cfg` with the preprocessing, but no depth or width.
 * Width, depth, patch size and the token layout follow from the tensor shapes; the number of heads
 * from the architecture name (timm's size words), unless `model_args.num_heads` says it.
 */
import { ConfigError, type VitConfig } from './config';
import type { PreprocessorConfig } from './preprocessorConfig';
import type { RawTensor } from './safetensors';

export interface TimmConfig {
  architecture: string;
  raw: Record<string, unknown>;
}

/** timm's heads for each model size word (vision_transformer.py: tiny 3, small 6, base 12, …). */
const HEADS_BY_SIZE: Record<string, number> = { tiny: 3, small: 6, medium: 8, base: 12, large: 16, huge: 16, giant: 16 };

/** The timm config in `text`, or null when it is not one (then it is read as Hugging Face's). */
export function asTimmConfig(text: string): TimmConfig | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.architecture !== 'string' || 'hidden_size' in r) return null;
  return { architecture: r.architecture, raw: r };
}

function shapeOf(tensors: Map<string, RawTensor>, name: string, rank: number, fileName: string): number[] {
  const t = tensors.get(name);
  if (!t || t.shape.length !== rank) {
    throw new ConfigError(fileName, `timm architecture needs tensor "${name}" of rank ${rank} to read the model's size`);
  }
  return t.shape;
}

function headsOf(config: TimmConfig, fileName: string): number {
  const args = config.raw.model_args as Record<string, unknown> | undefined;
  if (args && Number.isInteger(args.num_heads) && (args.num_heads as number) > 0) return args.num_heads as number;
  // timm's DINOv2 giant (vit_giant_patch14_dinov2, width 1536) has 24 heads, its other giants 16
  if (/giant.*dinov2/.test(config.architecture)) return 24;
  const size = config.architecture.split(/[_.]/).find((word) => Object.hasOwn(HEADS_BY_SIZE, word));
  if (!size) {
    throw new ConfigError(
      fileName,
      `cannot tell the number of heads from timm architecture "${config.architecture}" (no size word: ${Object.keys(HEADS_BY_SIZE).join(', ')}); add "model_args": {"num_heads": …}`,
    );
  }
  return HEADS_BY_SIZE[size]!;
}

function timmLabels(raw: Record<string, unknown>, numClasses: number): string[] {
  const names = raw.label_names;
  if (!Array.isArray(names) || names.length !== numClasses) return [];
  const descriptions = (raw.label_descriptions ?? {}) as Record<string, unknown>;
  return names.map((n) => String(descriptions[String(n)] ?? n));
}

/** The VitConfig of a timm checkpoint, from its config and its tensors. */
export function timmVitConfig(config: TimmConfig, tensors: Map<string, RawTensor>, fileName = 'config.json'): VitConfig {
  const [D, C, P] = shapeOf(tensors, 'patch_embed.proj.weight', 4, fileName) as [number, number, number, number];
  let numLayers = 0;
  while (tensors.has(`blocks.${numLayers}.norm1.weight`)) numLayers++;
  if (numLayers === 0) throw new ConfigError(fileName, 'timm checkpoint has no "blocks.0.norm1.weight": not a ViT');
  const [fc1Rows] = shapeOf(tensors, 'blocks.0.mlp.fc1.weight', 2, fileName) as [number, number];
  const [, fc2Cols] = shapeOf(tensors, 'blocks.0.mlp.fc2.weight', 2, fileName) as [number, number];
  // SwiGLUPacked (DINOv2 giant): fc1 holds both halves of the gated projection, [2M, D]
  const gatedMlp = fc1Rows === 2 * fc2Cols;
  const M = gatedMlp ? fc2Cols : fc1Rows;
  const numHeads = headsOf(config, fileName);
  if (D % numHeads !== 0) throw new ConfigError(fileName, `width ${D} is not divisible by ${numHeads} heads`);
  const pre = (config.raw.pretrained_cfg ?? {}) as Record<string, unknown>;
  const inputSize = pre.input_size;
  const imageSize = Array.isArray(inputSize) && Number.isInteger(inputSize[2]) ? (inputSize[2] as number) : 224;
  if (imageSize % P !== 0) throw new ConfigError(fileName, `input size ${imageSize} is not a multiple of the patch size ${P}`);
  const hasClassToken = tensors.has('cls_token');
  const pool = config.raw.global_pool ?? (hasClassToken ? 'token' : 'avg');
  const head = tensors.get('head.weight');
  const registers = tensors.get('reg_token')?.shape[1] ?? 0;
  return {
    hiddenSize: D,
    numLayers,
    numHeads,
    intermediateSize: M,
    activation: 'gelu',
    imageSize,
    patchSize: P,
    numChannels: C,
    qkvBias: tensors.has('blocks.0.attn.qkv.bias'),
    layerNormEps: 1e-6,
    hasClassToken,
    hasPositionEmbeddings: tensors.has('pos_embed'),
    hasDistillationToken: hasClassToken && tensors.has('dist_token'),
    numRegisterTokens: registers,
    pooling: pool === 'token' && hasClassToken ? 'cls' : 'mean',
    labels: head ? timmLabels(config.raw, head.shape[0]!) : [],
    layerScale: tensors.has('blocks.0.ls1.gamma'),
    gatedMlp,
  };
}

/** timm's eval transform: resize the short side to size / crop_pct, centre-crop, normalise. */
export function timmPreprocessor(config: TimmConfig, imageSize: number): PreprocessorConfig {
  const pre = (config.raw.pretrained_cfg ?? {}) as Record<string, unknown>;
  const triple = (v: unknown, fallback: [number, number, number]) =>
    Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'number') ? (v as [number, number, number]) : fallback;
  const cropPct = typeof pre.crop_pct === 'number' && pre.crop_pct > 0 ? pre.crop_pct : 0.875;
  return {
    doResize: true,
    size: { kind: 'shortest-edge', shortestEdge: Math.floor(imageSize / cropPct) },
    resample: pre.interpolation === 'bilinear' ? 'bilinear' : pre.interpolation === 'nearest' ? 'nearest' : 'bicubic',
    doCenterCrop: true,
    cropSize: { height: imageSize, width: imageSize },
    doRescale: true,
    rescaleFactor: 1 / 255,
    doNormalize: true,
    imageMean: triple(pre.mean, [0.485, 0.456, 0.406]),
    imageStd: triple(pre.std, [0.229, 0.224, 0.225]),
    isDefault: false,
  };
}
