/**
 * DINOv2 and CLIP checkpoints as transformers writes them: Dinov2Model / Dinov2WithRegistersModel,
 * CLIPVisionModel, and a full CLIPModel whose text tower, projections, logit scale and integer
 * position_ids buffers the reader must skip. Their config.json and preprocessor_config.json too.
 */
import type { TensorToWrite } from '../safetensorsWriter';
import type { CanonicalLinear, CanonicalNorm, CanonicalVit, Naming } from './randomCheckpoint';
import { seededRandom } from '../seededRandom';

function dinov2Config(vit: CanonicalVit): Record<string, unknown> {
  const s = vit.spec;
  const registers = s.registers > 0;
  return {
    architectures: [registers ? 'Dinov2WithRegistersModel' : 'Dinov2Model'],
    model_type: registers ? 'dinov2_with_registers' : 'dinov2',
    hidden_size: s.hiddenSize,
    num_hidden_layers: s.numLayers,
    num_attention_heads: s.numHeads,
    mlp_ratio: s.mlpRatio,
    hidden_act: s.hiddenAct,
    image_size: s.positionImageSize,
    patch_size: s.patchSize,
    num_channels: s.numChannels,
    qkv_bias: s.qkvBias,
    layer_norm_eps: s.layerNormEps,
    layerscale_value: 1.0,
    use_swiglu_ffn: s.gatedMlp,
    drop_path_rate: 0.0,
    ...(registers ? { num_register_tokens: s.registers } : {}),
    torch_dtype: 'float32',
    transformers_version: s.transformersVersion,
  };
}

function clipVisionConfig(vit: CanonicalVit): Record<string, unknown> {
  const s = vit.spec;
  return {
    hidden_size: s.hiddenSize,
    intermediate_size: s.intermediateSize,
    num_hidden_layers: s.numLayers,
    num_attention_heads: s.numHeads,
    image_size: s.imageSize,
    patch_size: s.patchSize,
    num_channels: s.numChannels,
    hidden_act: s.hiddenAct,
    layer_norm_eps: s.layerNormEps,
    projection_dim: TEXT.projection,
    model_type: 'clip_vision_model',
  };
}

/** The text tower's sizes in a full CLIPModel file: small, never read. */
const TEXT = { width: 12, layers: 1, vocab: 50, positions: 7, projection: 6 };

export function familyConfigJson(vit: CanonicalVit, naming?: Naming): string {
  const s = vit.spec;
  if (s.family === 'dinov2') return JSON.stringify(dinov2Config(vit), null, 2);
  const vision = clipVisionConfig(vit);
  if (naming !== 'huggingface-clip') {
    return JSON.stringify(
      { architectures: ['CLIPVisionModel'], ...vision, transformers_version: s.transformersVersion },
      null,
      2,
    );
  }
  return JSON.stringify(
    {
      architectures: ['CLIPModel'],
      model_type: 'clip',
      projection_dim: TEXT.projection,
      logit_scale_init_value: 2.6592,
      text_config: {
        hidden_size: TEXT.width,
        intermediate_size: 4 * TEXT.width,
        num_hidden_layers: TEXT.layers,
        num_attention_heads: 2,
        vocab_size: TEXT.vocab,
        max_position_embeddings: TEXT.positions,
        model_type: 'clip_text_model',
      },
      vision_config: vision,
      transformers_version: s.transformersVersion,
    },
    null,
    2,
  );
}

/**
 * preprocessor_config.json: DINOv2's BitImageProcessor (shortest edge 256/224 of the crop, then the
 * crop: the input size), CLIP's older CLIPFeatureExtractor form (bare numbers, the shortest edge).
 */
export function familyPreprocessorJson(vit: CanonicalVit): string | undefined {
  const s = vit.spec;
  if (s.family === 'dinov2') {
    return JSON.stringify({
      crop_size: { height: s.imageSize, width: s.imageSize },
      do_center_crop: true,
      do_convert_rgb: true,
      do_normalize: true,
      do_rescale: true,
      do_resize: true,
      image_mean: [0.485, 0.456, 0.406],
      image_processor_type: 'BitImageProcessor',
      image_std: [0.229, 0.224, 0.225],
      resample: 3,
      rescale_factor: 0.00392156862745098,
      size: { shortest_edge: Math.round((s.imageSize * 256) / 224) },
    });
  }
  if (s.family === 'clip') {
    return JSON.stringify({
      crop_size: s.imageSize,
      do_center_crop: true,
      do_normalize: true,
      do_resize: true,
      feature_extractor_type: 'CLIPFeatureExtractor',
      image_mean: [0.48145466, 0.4578275, 0.40821073],
      image_std: [0.26862954, 0.26130258, 0.27577711],
      resample: 3,
      size: s.imageSize,
    });
  }
  return undefined;
}

export function familyTensors(vit: CanonicalVit, naming: Naming): Record<string, TensorToWrite> {
  const s = vit.spec;
  const D = s.hiddenSize;
  const out: Record<string, TensorToWrite> = {};
  const put = (name: string, shape: number[], data: ArrayLike<number>, dtype?: TensorToWrite['dtype']) => {
    out[name] = { shape, data, ...(dtype ? { dtype } : {}) };
  };
  const putLinear = (prefix: string, l: CanonicalLinear) => {
    put(`${prefix}.weight`, [l.out, l.in], l.weight);
    if (l.bias) put(`${prefix}.bias`, [l.out], l.bias);
  };
  const putNorm = (prefix: string, n: CanonicalNorm, width = D) => {
    put(`${prefix}.weight`, [width], n.gamma);
    put(`${prefix}.bias`, [width], n.beta);
  };
  const patchShape = [D, s.numChannels, s.patchSize, s.patchSize];
  const rows = vit.positionEmbeddings!.length / D;
  if (naming === 'huggingface-dinov2') {
    put('embeddings.cls_token', [1, 1, D], vit.classToken!);
    put('embeddings.mask_token', [1, D], new Float64Array(D));
    if (vit.registerTokens) put('embeddings.register_tokens', [1, s.registers, D], vit.registerTokens);
    put('embeddings.position_embeddings', [1, rows, D], vit.positionEmbeddings!);
    put('embeddings.patch_embeddings.projection.weight', patchShape, vit.patchWeight);
    put('embeddings.patch_embeddings.projection.bias', [D], vit.patchBias!);
    vit.layers.forEach((l, i) => {
      const b = `encoder.layer.${i}`;
      putNorm(`${b}.norm1`, l.norm1);
      putLinear(`${b}.attention.attention.query`, l.query);
      putLinear(`${b}.attention.attention.key`, l.key);
      putLinear(`${b}.attention.attention.value`, l.value);
      putLinear(`${b}.attention.output.dense`, l.proj);
      put(`${b}.layer_scale1.lambda1`, [D], l.ls1!);
      putNorm(`${b}.norm2`, l.norm2);
      putLinear(s.gatedMlp ? `${b}.mlp.weights_in` : `${b}.mlp.fc1`, l.fc1);
      putLinear(s.gatedMlp ? `${b}.mlp.weights_out` : `${b}.mlp.fc2`, l.fc2);
      put(`${b}.layer_scale2.lambda1`, [D], l.ls2!);
    });
    putNorm('layernorm', vit.finalNorm);
    return out;
  }
  const v = 'vision_model';
  put(`${v}.embeddings.class_embedding`, [D], vit.classToken!);
  put(`${v}.embeddings.patch_embedding.weight`, patchShape, vit.patchWeight);
  put(`${v}.embeddings.position_embedding.weight`, [rows, D], vit.positionEmbeddings!);
  // older checkpoints carry the position_ids buffer, an int64 tensor
  put(
    `${v}.embeddings.position_ids`,
    [1, rows],
    Array.from({ length: rows }, (_, i) => i),
    'I64',
  );
  putNorm(`${v}.pre_layrnorm`, vit.preNorm!);
  vit.layers.forEach((l, i) => {
    const b = `${v}.encoder.layers.${i}`;
    putNorm(`${b}.layer_norm1`, l.norm1);
    putLinear(`${b}.self_attn.q_proj`, l.query);
    putLinear(`${b}.self_attn.k_proj`, l.key);
    putLinear(`${b}.self_attn.v_proj`, l.value);
    putLinear(`${b}.self_attn.out_proj`, l.proj);
    putNorm(`${b}.layer_norm2`, l.norm2);
    putLinear(`${b}.mlp.fc1`, l.fc1);
    putLinear(`${b}.mlp.fc2`, l.fc2);
  });
  putNorm(`${v}.post_layernorm`, vit.finalNorm);
  if (naming === 'huggingface-clip') Object.assign(out, textTower(vit, s.seed));
  return out;
}

/** A full CLIPModel's other half: text tower, projections, logit scale (random, never read). */
function textTower(vit: CanonicalVit, seed: number): Record<string, TensorToWrite> {
  const rand = seededRandom(seed + 1000);
  const fill = (shape: number[]): TensorToWrite => ({
    shape,
    data: Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rand() - 0.5),
  });
  const W = TEXT.width;
  const t = 'text_model';
  const out: Record<string, TensorToWrite> = {
    [`${t}.embeddings.token_embedding.weight`]: fill([TEXT.vocab, W]),
    [`${t}.embeddings.position_embedding.weight`]: fill([TEXT.positions, W]),
    [`${t}.embeddings.position_ids`]: {
      shape: [1, TEXT.positions],
      data: Array.from({ length: TEXT.positions }, (_, i) => i),
      dtype: 'I64',
    },
    [`${t}.final_layer_norm.weight`]: fill([W]),
    [`${t}.final_layer_norm.bias`]: fill([W]),
    'visual_projection.weight': fill([TEXT.projection, vit.spec.hiddenSize]),
    'text_projection.weight': fill([TEXT.projection, W]),
    logit_scale: fill([]),
  };
  for (let i = 0; i < TEXT.layers; i++) {
    const b = `${t}.encoder.layers.${i}`;
    for (const p of ['q_proj', 'k_proj', 'v_proj', 'out_proj']) {
      out[`${b}.self_attn.${p}.weight`] = fill([W, W]);
      out[`${b}.self_attn.${p}.bias`] = fill([W]);
    }
    for (const n of ['layer_norm1', 'layer_norm2']) {
      out[`${b}.${n}.weight`] = fill([W]);
      out[`${b}.${n}.bias`] = fill([W]);
    }
    out[`${b}.mlp.fc1.weight`] = fill([4 * W, W]);
    out[`${b}.mlp.fc1.bias`] = fill([4 * W]);
    out[`${b}.mlp.fc2.weight`] = fill([W, 4 * W]);
    out[`${b}.mlp.fc2.bias`] = fill([W]);
  }
  return out;
}
