/** The canonical weights of a ViT, whatever checkpoint naming they were read from (weights.ts maps them). */

/** A linear layer as PyTorch stores it: weight [out, in], y = x·Wᵀ + b. */
export interface LinearWeights {
  weight: Float32Array;
  bias: Float32Array | null;
  inFeatures: number;
  outFeatures: number;
}

export interface LayerNormWeights {
  gamma: Float32Array;
  beta: Float32Array;
}

export interface EncoderLayerWeights {
  norm1: LayerNormWeights;
  query: LinearWeights;
  key: LinearWeights;
  value: LinearWeights;
  attnOutput: LinearWeights;
  norm2: LayerNormWeights;
  fc1: LinearWeights;
  fc2: LinearWeights;
  /** SwiGLU's second half of the input projection (x₂ in silu(x₁) ⊙ x₂); fc1 is the first half */
  fc1Gate?: LinearWeights;
  /** LayerScale γ [D] on the attention branch (DINOv2's layer_scale1, timm's ls1) */
  layerScale1?: Float32Array;
  /** LayerScale γ [D] on the MLP branch */
  layerScale2?: Float32Array;
}

export interface VitWeights {
  /** Convolution kernel [D, C, P, P] and bias [D]. */
  patchEmbedding: { weight: Float32Array; bias: Float32Array };
  classToken: Float32Array | null;
  /** [D], DeiT's distillation token (token 1) */
  distillationToken?: Float32Array | null;
  /** [n, D] register tokens, after [CLS] (and before the patches) */
  registerTokens?: Float32Array | null;
  /**
   * [T, D], at the input's grid and in token order: interpolated when learned on another grid, and
   * zero for a token the checkpoint gives no position (DINOv2's registers)
   */
  positionEmbeddings: Float32Array | null;
  /** CLIP's pre_layrnorm, on the embeddings before the first block */
  embeddingNorm?: LayerNormWeights | null;
  layers: EncoderLayerWeights[];
  finalNorm: LayerNormWeights;
  classifier: LinearWeights | null;
  /** DeiT's head on the distillation token; the logits are the mean of both heads */
  distillationClassifier?: LinearWeights | null;
}
