/**
 * Models with random weights and the shapes of well-known ViTs, opened with `?model=random-vit-b` etc.:
 * for seeing what a full-sized trace looks like, and for the tests and the benchmark.
 */
import { parseVitConfig } from '../model/config';
import { defaultPreprocessor } from '../model/preprocessorConfig';
import { randomVitWeights } from '../model/randomWeights';
import { createVitModel } from '../model/vitModel';
import type { LoadedVit } from '../model/loadVit';

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

export const PRESETS: Record<string, Preset> = {
  'random-vit-ti': { title: 'random weights, ViT-Ti/16 shape', config: vit(192, 12, 3), numClasses: 1000 },
  'random-vit-b': { title: 'random weights, ViT-B/16 shape', config: vit(768, 12, 12), numClasses: 1000 },
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

export function buildPreset(id: string): LoadedVit {
  const preset = PRESETS[id];
  if (!preset) throw new Error(`?model=${id} is not a known model; use demo or one of ${Object.keys(PRESETS).join(', ')}`);
  const config = parseVitConfig(JSON.stringify(preset.config), preset.title);
  return {
    model: createVitModel(config, randomVitWeights(config, preset.numClasses)),
    preprocessor: defaultPreprocessor(config.imageSize),
    fileNames: [],
  };
}
