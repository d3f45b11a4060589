/**
 * Maps the tensor names of a checkpoint (Hugging Face ViT/DeiT, a bare ViTModel, DINOv2 and CLIP's
 * vision tower in familyWeights.ts, or timm, DINOv2's and *_reg4 included) onto
 * one canonical set of weights, and checks every shape against the config before anything runs.
 */
import { vitSizes, type ModelFamily, type VitConfig } from './config';
import { clipWeights, CLIP_PROBE, dinov2Weights } from './familyWeights';
import { interpolatePositions } from './positionInterpolation';
import type { RawTensor } from './safetensors';
import { splitRows, TensorPicker } from './tensorPicker';
import type { EncoderLayerWeights, LinearWeights, VitWeights } from './vitWeights';

export type NamingScheme =
  'huggingface-vit' | 'huggingface-deit' | 'huggingface-bare' | 'timm' | 'huggingface-dinov2' | 'huggingface-clip';

export class CheckpointError extends Error {
  constructor(
    fileName: string,
    readonly problems: string[],
  ) {
    super(`${fileName} does not match config.json:\n${problems.map((p) => `• ${p}`).join('\n')}`);
    this.name = 'CheckpointError';
  }
}

/** True when the checkpoint holds DeiT's distillation token (Hugging Face or timm names). */
export function hasDistillationTensor(names: Set<string>): boolean {
  return names.has('deit.embeddings.distillation_token') || names.has('dist_token');
}

/** The naming of a checkpoint's tensors; a DINOv2 config reads the bare names as DINOv2's. */
export function detectNaming(names: Set<string>, family: ModelFamily = 'vit'): NamingScheme | null {
  if (names.has('patch_embed.proj.weight')) return 'timm';
  if (names.has(CLIP_PROBE)) return 'huggingface-clip';
  const probe = 'embeddings.patch_embeddings.projection.weight';
  if (family === 'dinov2' && names.has(probe)) return 'huggingface-dinov2';
  if (names.has(`vit.${probe}`)) return 'huggingface-vit';
  if (names.has(`deit.${probe}`)) return 'huggingface-deit';
  if (names.has(probe)) return 'huggingface-bare';
  return null;
}

function numClassesOf(tensors: Map<string, RawTensor>, name: string): number | null {
  const t = tensors.get(name);
  return t && t.shape.length === 2 ? t.shape[0]! : null;
}

/** Builds canonical weights; throws CheckpointError listing everything missing or mis-shaped. */
export function mapWeights(
  tensors: Map<string, RawTensor>,
  config: VitConfig,
  fileName = 'model.safetensors',
): { weights: VitWeights; naming: NamingScheme } {
  const naming = detectNaming(new Set(tensors.keys()), config.family);
  if (!naming) {
    const sample = [...tensors.keys()].slice(0, 5).join(', ');
    throw new CheckpointError(fileName, [
      `no patch embedding found: expected "vit.embeddings.patch_embeddings.projection.weight" (Hugging Face ViT), "deit.…" (DeiT), "embeddings.…" (ViTModel) or "patch_embed.proj.weight" (timm); the file holds ${sample || 'no tensors'}`,
    ]);
  }
  const D = config.hiddenSize;
  const { numTokens: T, numPatches: N } = vitSizes(config);
  const P = config.patchSize;
  const C = config.numChannels;
  const M = config.intermediateSize;
  const pick = new TensorPicker(tensors);
  const layers: EncoderLayerWeights[] = [];
  let weights: VitWeights;

  if (naming === 'huggingface-dinov2' || naming === 'huggingface-clip') {
    if (config.family !== (naming === 'huggingface-clip' ? 'clip' : 'dinov2')) {
      throw new CheckpointError(fileName, [
        `the tensors are named as ${naming}'s but config.json describes a ${config.family ?? 'ViT'} model`,
      ]);
    }
    weights = naming === 'huggingface-clip' ? clipWeights(pick, config) : dinov2Weights(pick, config);
  } else if (naming === 'timm') {
    for (let i = 0; i < config.numLayers; i++) {
      const b = `blocks.${i}`;
      const qkv = pick.linear(`${b}.attn.qkv`, 3 * D, D, config.qkvBias);
      const [query, key, value] = splitRows(qkv, 3) as [LinearWeights, LinearWeights, LinearWeights];
      layers.push({
        norm1: pick.layerNorm(`${b}.norm1`, D),
        query,
        key,
        value,
        attnOutput: pick.linear(`${b}.attn.proj`, D, D),
        norm2: pick.layerNorm(`${b}.norm2`, D),
        ...mlpWeights(pick, `${b}.mlp.fc1`, `${b}.mlp.fc2`, config),
        ...(config.layerScale
          ? { layerScale1: pick.take(`${b}.ls1.gamma`, [D]), layerScale2: pick.take(`${b}.ls2.gamma`, [D]) }
          : {}),
      });
    }
    const classes = numClassesOf(tensors, 'head.weight');
    const registers = config.numRegisterTokens ?? 0;
    const distilled = config.hasDistillationToken === true;
    weights = {
      patchEmbedding: {
        weight: pick.take('patch_embed.proj.weight', [D, C, P, P]),
        bias: pick.take('patch_embed.proj.bias', [D]),
      },
      classToken: config.hasClassToken ? pick.take('cls_token', [1, 1, D]) : null,
      distillationToken: distilled ? pick.take('dist_token', [1, 1, D]) : null,
      registerTokens: registers > 0 ? pick.take('reg_token', [1, registers, D]) : null,
      // timm's no_embed_class models (the *_reg4 ones) learn positions for the patches only
      positionEmbeddings: config.hasPositionEmbeddings ? positionsAtInput(pick, 'pos_embed', config, [T - N, 0]) : null,
      layers,
      finalNorm: pick.layerNorm('norm', D),
      classifier: classes === null ? null : pick.linear('head', classes, D),
      distillationClassifier: distilled && classes !== null ? pick.linear('head_dist', classes, D) : null,
    };
  } else {
    const p = naming === 'huggingface-vit' ? 'vit.' : naming === 'huggingface-deit' ? 'deit.' : '';
    for (let i = 0; i < config.numLayers; i++) {
      const l = `${p}encoder.layer.${i}`;
      layers.push({
        norm1: pick.layerNorm(`${l}.layernorm_before`, D),
        query: pick.linear(`${l}.attention.attention.query`, D, D, config.qkvBias),
        key: pick.linear(`${l}.attention.attention.key`, D, D, config.qkvBias),
        value: pick.linear(`${l}.attention.attention.value`, D, D, config.qkvBias),
        attnOutput: pick.linear(`${l}.attention.output.dense`, D, D),
        norm2: pick.layerNorm(`${l}.layernorm_after`, D),
        fc1: pick.linear(`${l}.intermediate.dense`, M, D),
        fc2: pick.linear(`${l}.output.dense`, D, M),
      });
    }
    const e = `${p}embeddings`;
    const distilled = config.hasDistillationToken === true;
    const head = distilled ? 'cls_classifier' : 'classifier';
    const classes = numClassesOf(tensors, `${head}.weight`);
    weights = {
      patchEmbedding: {
        weight: pick.take(`${e}.patch_embeddings.projection.weight`, [D, C, P, P]),
        bias: pick.take(`${e}.patch_embeddings.projection.bias`, [D]),
      },
      classToken: config.hasClassToken ? pick.take(`${e}.cls_token`, [1, 1, D]) : null,
      distillationToken: distilled ? pick.take(`${e}.distillation_token`, [1, 1, D]) : null,
      positionEmbeddings: config.hasPositionEmbeddings ? pick.take(`${e}.position_embeddings`, [1, T, D]) : null,
      layers,
      finalNorm: pick.layerNorm(`${p}layernorm`, D),
      classifier: classes === null ? null : pick.linear(head, classes, D),
      distillationClassifier: distilled && classes !== null ? pick.linear('distillation_classifier', classes, D) : null,
    };
  }
  if (weights.classifier && config.labels.length > 0 && config.labels.length !== weights.classifier.outFeatures) {
    pick.problems.push(`the classifier has ${weights.classifier.outFeatures} classes but id2label names ${config.labels.length}`);
  }
  if (pick.problems.length > 0) throw new CheckpointError(fileName, pick.problems);
  return { weights, naming };
}

/** fc1 and fc2, or SwiGLU's packed input projection [2M, D] split into fc1 (x₁) and fc1Gate (x₂) */
export function mlpWeights(
  pick: TensorPicker,
  fc1Name: string,
  fc2Name: string,
  config: VitConfig,
): Pick<EncoderLayerWeights, 'fc1' | 'fc2' | 'fc1Gate'> {
  const D = config.hiddenSize;
  const M = config.intermediateSize;
  const fc2 = pick.linear(fc2Name, D, M);
  if (!config.gatedMlp) return { fc1: pick.linear(fc1Name, M, D), fc2 };
  const [fc1, fc1Gate] = splitRows(pick.linear(fc1Name, 2 * M, D), 2) as [LinearWeights, LinearWeights];
  return { fc1, fc1Gate, fc2 };
}

/**
 * The stored position embeddings [1, k + g², D] as the [T, D] the engine adds: the k stored prefix
 * rows go to the first k tokens, any other prefix token (a register) gets zeros, and the g × g patch
 * grid is interpolated to the input's grid when config.positionGridSize says it was learned on
 * another (DINOv2). `prefixRows` lists the k a checkpoint may store.
 */
export function positionsAtInput(
  pick: TensorPicker,
  name: string,
  config: VitConfig,
  prefixRows: number[],
  /** stored as [1, rows, D] (a parameter), or [rows, D] (CLIP's nn.Embedding) */
  batched = true,
): Float32Array {
  const D = config.hiddenSize;
  const { grid, numTokens: T, numPrefixTokens } = vitSizes(config);
  const storedGrid = config.positionGridSize ?? grid;
  const shape = pick.shape(name);
  const rowsAt = batched ? 1 : 0;
  const k = prefixRows.find((rows) => shape?.[rowsAt] === rows + storedGrid * storedGrid) ?? prefixRows[0]!;
  const rows = k + storedGrid * storedGrid;
  const stored = pick.take(name, batched ? [1, rows, D] : [rows, D]);
  const out = new Float32Array(T * D);
  out.set(stored.subarray(0, k * D));
  const patches = stored.subarray(k * D);
  if (storedGrid === grid) out.set(patches, numPrefixTokens * D);
  else
    out.set(
      interpolatePositions(patches, storedGrid, grid, grid, D, config.positionInterpolation ?? 'size'),
      numPrefixTokens * D,
    );
  return out;
}
