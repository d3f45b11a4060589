/**
 * The tensor names of DINOv2 (Dinov2Model, Dinov2WithRegistersModel) and of CLIP's vision tower
 * (CLIPVisionModel, or the vision_model.* half of a CLIPModel; the text tower is never read).
 */
import type { VitConfig } from './config';
import type { TensorPicker } from './tensorPicker';
import type { EncoderLayerWeights, VitWeights } from './vitWeights';
import { mlpWeights, positionsAtInput } from './weights';

export const CLIP_PROBE = 'vision_model.embeddings.patch_embedding.weight';

/** The tensors a CLIP checkpoint's reader keeps: the vision tower, without its integer position_ids buffer. */
export const isClipVisionTensor = (name: string): boolean => name.startsWith('vision_model.') && !name.endsWith('.position_ids');

export function dinov2Weights(pick: TensorPicker, config: VitConfig): VitWeights {
  const D = config.hiddenSize;
  const P = config.patchSize;
  const registers = config.numRegisterTokens ?? 0;
  const layers: EncoderLayerWeights[] = [];
  for (let i = 0; i < config.numLayers; i++) {
    const l = `encoder.layer.${i}`;
    const mlp = config.gatedMlp ? [`${l}.mlp.weights_in`, `${l}.mlp.weights_out`] : [`${l}.mlp.fc1`, `${l}.mlp.fc2`];
    layers.push({
      norm1: pick.layerNorm(`${l}.norm1`, D),
      query: pick.linear(`${l}.attention.attention.query`, D, D, config.qkvBias),
      key: pick.linear(`${l}.attention.attention.key`, D, D, config.qkvBias),
      value: pick.linear(`${l}.attention.attention.value`, D, D, config.qkvBias),
      attnOutput: pick.linear(`${l}.attention.output.dense`, D, D),
      layerScale1: pick.take(`${l}.layer_scale1.lambda1`, [D]),
      norm2: pick.layerNorm(`${l}.norm2`, D),
      ...mlpWeights(pick, mlp[0]!, mlp[1]!, config),
      layerScale2: pick.take(`${l}.layer_scale2.lambda1`, [D]),
    });
  }
  return {
    patchEmbedding: {
      weight: pick.take('embeddings.patch_embeddings.projection.weight', [D, config.numChannels, P, P]),
      bias: pick.take('embeddings.patch_embeddings.projection.bias', [D]),
    },
    classToken: pick.take('embeddings.cls_token', [1, 1, D]),
    registerTokens: registers > 0 ? pick.take('embeddings.register_tokens', [1, registers, D]) : null,
    // learned for [CLS] and the patches; the registers are inserted after the positions are added
    positionEmbeddings: positionsAtInput(pick, 'embeddings.position_embeddings', config, [1]),
    layers,
    finalNorm: pick.layerNorm('layernorm', D),
    classifier: null,
  };
}

export function clipWeights(pick: TensorPicker, config: VitConfig): VitWeights {
  const D = config.hiddenSize;
  const M = config.intermediateSize;
  const P = config.patchSize;
  const v = 'vision_model';
  const layers: EncoderLayerWeights[] = [];
  for (let i = 0; i < config.numLayers; i++) {
    const l = `${v}.encoder.layers.${i}`;
    layers.push({
      norm1: pick.layerNorm(`${l}.layer_norm1`, D),
      query: pick.linear(`${l}.self_attn.q_proj`, D, D),
      key: pick.linear(`${l}.self_attn.k_proj`, D, D),
      value: pick.linear(`${l}.self_attn.v_proj`, D, D),
      attnOutput: pick.linear(`${l}.self_attn.out_proj`, D, D),
      norm2: pick.layerNorm(`${l}.layer_norm2`, D),
      fc1: pick.linear(`${l}.mlp.fc1`, M, D),
      fc2: pick.linear(`${l}.mlp.fc2`, D, M),
    });
  }
  return {
    // Conv2d(bias=False)
    patchEmbedding: { weight: pick.take(CLIP_PROBE, [D, config.numChannels, P, P]), bias: new Float32Array(D) },
    classToken: pick.take(`${v}.embeddings.class_embedding`, [D]),
    positionEmbeddings: positionsAtInput(pick, `${v}.embeddings.position_embedding.weight`, config, [1], false),
    embeddingNorm: pick.layerNorm(`${v}.pre_layrnorm`, D),
    layers,
    // post_layernorm: Hugging Face applies it to [CLS] only, the pooled output; per token, it is the same LayerNorm
    finalNorm: pick.layerNorm(`${v}.post_layernorm`, D),
    classifier: null,
  };
}
