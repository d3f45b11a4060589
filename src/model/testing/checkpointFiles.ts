/**
 * A random checkpoint's files as a user hands them to the page: config.json (Hugging Face's or timm's),
 * model.safetensors under the naming asked for, and a family's preprocessor_config.json.
 */
import type { SafetensorsDtype } from '../safetensors';
import { writeSafetensors, type TensorToWrite } from '../safetensorsWriter';
import { familyConfigJson, familyPreprocessorJson, familyTensors } from './familyCheckpoint';
import type { CanonicalLinear, CanonicalNorm, CanonicalVit, Naming } from './randomCheckpoint';

export function configJson(vit: CanonicalVit, naming?: Naming): string {
  const s = vit.spec;
  if (s.family !== 'vit') return familyConfigJson(vit, naming);
  const config: Record<string, unknown> = {
    architectures: [
      vit.distillationToken ? 'DeiTForImageClassificationWithTeacher' : s.numClasses ? 'ViTForImageClassification' : 'ViTModel',
    ],
    model_type: vit.distillationToken ? 'deit' : 'vit',
    hidden_size: s.hiddenSize,
    num_hidden_layers: s.numLayers,
    num_attention_heads: s.numHeads,
    intermediate_size: s.intermediateSize,
    hidden_act: s.hiddenAct,
    image_size: s.imageSize,
    patch_size: s.patchSize,
    num_channels: s.numChannels,
    qkv_bias: s.qkvBias,
    layer_norm_eps: s.layerNormEps,
  };
  if (s.labels.length > 0) config.id2label = Object.fromEntries(s.labels.map((l, i) => [String(i), l]));
  if (!s.classToken) config.vitlens_class_token = false;
  if (!s.positionEmbeddings) config.vitlens_position_embeddings = false;
  if (s.pooling !== (s.classToken ? 'cls' : 'mean')) config.vitlens_pooling = s.pooling;
  return JSON.stringify(config, null, 2);
}

/**
 * timm's own config.json for a checkpoint, as the Hub's timm/* repositories hold it: an architecture
 * name (whose size word gives the heads) and a pretrained_cfg, no depth or width.
 */
export function timmConfigJson(vit: CanonicalVit, architecture: string, extra: Record<string, unknown> = {}): string {
  const s = vit.spec;
  return JSON.stringify({
    architecture,
    num_classes: s.numClasses ?? 0,
    num_features: s.hiddenSize,
    global_pool: s.pooling === 'cls' ? 'token' : 'avg',
    pretrained_cfg: {
      tag: 'test',
      input_size: [s.numChannels, s.imageSize, s.imageSize],
      interpolation: 'bicubic',
      crop_pct: 0.875,
      crop_mode: 'center',
      mean: [0.485, 0.456, 0.406],
      std: [0.229, 0.224, 0.225],
      num_classes: s.numClasses ?? 0,
      first_conv: 'patch_embed.proj',
      classifier: 'head',
    },
    ...extra,
  });
}

/** The tensors under the names a checkpoint of the given naming uses. */
export function namedTensors(vit: CanonicalVit, naming: Naming): Record<string, TensorToWrite> {
  const s = vit.spec;
  const D = s.hiddenSize;
  const out: Record<string, TensorToWrite> = {};
  const put = (name: string, shape: number[], data: ArrayLike<number>) => {
    out[name] = { shape, data };
  };
  const putLinear = (prefix: string, l: CanonicalLinear) => {
    put(`${prefix}.weight`, [l.out, l.in], l.weight);
    if (l.bias) put(`${prefix}.bias`, [l.out], l.bias);
  };
  const putNorm = (prefix: string, n: CanonicalNorm) => {
    put(`${prefix}.weight`, [D], n.gamma);
    put(`${prefix}.bias`, [D], n.beta);
  };
  const patchShape = [D, s.numChannels, s.patchSize, s.patchSize];
  const T = vit.positionEmbeddings ? vit.positionEmbeddings.length / D : 0;
  if (naming === 'huggingface-dinov2' || naming === 'huggingface-clip-vision' || naming === 'huggingface-clip') {
    return familyTensors(vit, naming);
  }
  if (naming === 'timm') {
    put('patch_embed.proj.weight', patchShape, vit.patchWeight);
    put('patch_embed.proj.bias', [D], vit.patchBias!);
    if (vit.classToken) put('cls_token', [1, 1, D], vit.classToken);
    if (vit.distillationToken) put('dist_token', [1, 1, D], vit.distillationToken);
    if (vit.registerTokens) put('reg_token', [1, s.registers, D], vit.registerTokens);
    if (vit.positionEmbeddings) put('pos_embed', [1, T, D], vit.positionEmbeddings);
    vit.layers.forEach((l, i) => {
      const b = `blocks.${i}`;
      putNorm(`${b}.norm1`, l.norm1);
      const qkv = new Float64Array(3 * D * D);
      [l.query, l.key, l.value].forEach((p, j) => qkv.set(p.weight, j * D * D));
      put(`${b}.attn.qkv.weight`, [3 * D, D], qkv);
      if (s.qkvBias) {
        const bias = new Float64Array(3 * D);
        [l.query, l.key, l.value].forEach((p, j) => bias.set(p.bias!, j * D));
        put(`${b}.attn.qkv.bias`, [3 * D], bias);
      }
      putLinear(`${b}.attn.proj`, l.proj);
      if (l.ls1) put(`${b}.ls1.gamma`, [D], l.ls1);
      putNorm(`${b}.norm2`, l.norm2);
      putLinear(`${b}.mlp.fc1`, l.fc1);
      putLinear(`${b}.mlp.fc2`, l.fc2);
      if (l.ls2) put(`${b}.ls2.gamma`, [D], l.ls2);
    });
    putNorm('norm', vit.finalNorm);
    if (vit.classifier) putLinear('head', vit.classifier);
    if (vit.distillationClassifier) putLinear('head_dist', vit.distillationClassifier);
    return out;
  }
  const p = naming === 'huggingface-vit' ? 'vit.' : naming === 'huggingface-deit' ? 'deit.' : '';
  put(`${p}embeddings.patch_embeddings.projection.weight`, patchShape, vit.patchWeight);
  put(`${p}embeddings.patch_embeddings.projection.bias`, [D], vit.patchBias!);
  if (vit.classToken) put(`${p}embeddings.cls_token`, [1, 1, D], vit.classToken);
  if (vit.distillationToken) put(`${p}embeddings.distillation_token`, [1, 1, D], vit.distillationToken);
  if (vit.positionEmbeddings) put(`${p}embeddings.position_embeddings`, [1, T, D], vit.positionEmbeddings);
  vit.layers.forEach((l, i) => {
    const b = `${p}encoder.layer.${i}`;
    putNorm(`${b}.layernorm_before`, l.norm1);
    putLinear(`${b}.attention.attention.query`, l.query);
    putLinear(`${b}.attention.attention.key`, l.key);
    putLinear(`${b}.attention.attention.value`, l.value);
    putLinear(`${b}.attention.output.dense`, l.proj);
    putNorm(`${b}.layernorm_after`, l.norm2);
    putLinear(`${b}.intermediate.dense`, l.fc1);
    putLinear(`${b}.output.dense`, l.fc2);
  });
  putNorm(`${p}layernorm`, vit.finalNorm);
  if (vit.classifier && naming !== 'huggingface-bare') {
    putLinear(vit.distillationClassifier ? 'cls_classifier' : 'classifier', vit.classifier);
    if (vit.distillationClassifier) putLinear('distillation_classifier', vit.distillationClassifier);
  }
  return out;
}

export interface CheckpointFiles {
  config: string;
  safetensors: Uint8Array;
  /** preprocessor_config.json, for the families whose checkpoints carry one that matters (DINOv2's crop, CLIP's) */
  preprocessor?: string;
}

export function writeCheckpoint(vit: CanonicalVit, naming: Naming, dtype: SafetensorsDtype = 'F32'): CheckpointFiles {
  const preprocessor = familyPreprocessorJson(vit);
  return {
    config: configJson(vit, naming),
    safetensors: writeSafetensors(namedTensors(vit, naming), dtype),
    ...(preprocessor ? { preprocessor } : {}),
  };
}
