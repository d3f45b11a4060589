/**
 * Models with random weights and the shapes of well-known ViTs, opened with `?model=random-vit-b` etc.:
 * for seeing what a full-sized trace looks like, and for the tests and the benchmark.
 */
// the page reads only this list; the engine's worker builds the models (src/worker/buildPreset.ts)

interface Preset {
  title: string;
  config: Record<string, unknown>;
  numClasses: number;
}

const vit = (hidden: number, layers: number, heads: number, extra: Record<string, unknown> = {}) => ({
  hidden_size: hidden,
  num_hidden_layers: layers,
  num_attention_heads: heads,
  intermediate_size: 4 * hidden,
  image_size: 224,
  patch_size: 16,
  ...extra,
});

/** Whether `id` (from the address, untrusted) names a preset: its own key, never Object's ('constructor', '__proto__'). */
export const isPreset = (id: string): boolean => Object.hasOwn(PRESETS, id);

export const PRESETS: Record<string, Preset> = {
  'random-vit-ti': { title: 'random weights, ViT-Ti/16 shape', config: vit(192, 12, 3), numClasses: 1000 },
  'random-vit-b': { title: 'random weights, ViT-B/16 shape', config: vit(768, 12, 12), numClasses: 1000 },
  // big models (address only): their traces are partial (src/model/partialTrace.ts)
  'random-vit-l-384': { title: 'random weights, ViT-L/16 shape at 384 px', config: vit(1024, 24, 16, { image_size: 384 }), numClasses: 1000 },
  'random-vit-h-14': { title: 'random weights, ViT-H/14 shape', config: vit(1280, 32, 16, { patch_size: 14 }), numClasses: 1000 },
  // the default model's shape and tokens (64 px, 8 px patches, [CLS] + 8 × 8): trained vs random weights, side by side
  'random-default': {
    title: "random weights, the default model's shape (65 tokens, width 64, 6 layers, 4 heads)",
    config: vit(64, 6, 4, { image_size: 64, patch_size: 8, qkv_bias: true }),
    numClasses: 10,
  },
  'random-seed-toy': {
    title: "random weights, the seed article's toy ViT shape (1024 tokens, width 16, no [CLS], mean pooling)",
    config: vit(16, 5, 4, { image_size: 224, patch_size: 7, vitlens_class_token: false, vitlens_position_embeddings: false }),
    numClasses: 10,
  },
};
