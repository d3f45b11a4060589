// The model shapes the benchmarks time, as Hugging Face config.json objects (random weights).
const vit = (hidden, layers, heads, extra = {}) => ({
  hidden_size: hidden,
  num_hidden_layers: layers,
  num_attention_heads: heads,
  intermediate_size: 4 * hidden,
  image_size: 224,
  patch_size: 16,
  layer_norm_eps: 1e-12,
  ...extra,
});
export const MODELS = {
  'vit-ti': { title: 'ViT-Ti/16 (DeiT-Ti shape) 224 px', config: vit(192, 12, 3), numClasses: 1000 },
  'vit-b': { title: 'ViT-B/16 224 px', config: vit(768, 12, 12), numClasses: 1000 },
  default: {
    title: 'default model shape (64 px, D 64, 6 layers)',
    config: vit(64, 6, 4, { image_size: 64, patch_size: 8 }),
    numClasses: 10,
  },
  'seed-toy': {
    title: 'seed toy shape (224 px, patch 7, 1024 tokens, D 16, 5 layers)',
    config: vit(16, 5, 4, { patch_size: 7, vitlens_class_token: false, vitlens_position_embeddings: false }),
    numClasses: 10,
  },
};
