import { describe, expect, it } from 'vitest';
import { parseVitConfig } from './config';
import { atInputSize } from './familyConfig';
import { tokenLayoutOf } from './tokenLayout';
import { inputSizeOf, parsePreprocessorConfig } from './preprocessorConfig';

// as published on the Hub (facebook/dinov2-small, -giant, dinov2-with-registers-small; openai/clip-vit-base-patch32)
const dinov2Small = {
  architectures: ['Dinov2Model'],
  attention_probs_dropout_prob: 0.0,
  drop_path_rate: 0.0,
  hidden_act: 'gelu',
  hidden_dropout_prob: 0.0,
  hidden_size: 384,
  image_size: 518,
  initializer_range: 0.02,
  layer_norm_eps: 1e-6,
  layerscale_value: 1.0,
  mlp_ratio: 4,
  model_type: 'dinov2',
  num_attention_heads: 6,
  num_channels: 3,
  num_hidden_layers: 12,
  patch_size: 14,
  qkv_bias: true,
  torch_dtype: 'float32',
  transformers_version: '4.31.0.dev0',
  use_swiglu_ffn: false,
};

describe('DINOv2 configs', () => {
  it('Dinov2Model (dinov2-small): LayerScale, patch 14, 37 × 37 learned grid, the 4.31 interpolation', () => {
    const c = parseVitConfig(JSON.stringify(dinov2Small));
    expect(c).toMatchObject({
      family: 'dinov2',
      hiddenSize: 384,
      numHeads: 6,
      numLayers: 12,
      intermediateSize: 1536,
      patchSize: 14,
      imageSize: 518,
      positionGridSize: 37,
      positionInterpolation: 'scale-factor-offset',
      layerScale: true,
      gatedMlp: false,
      numRegisterTokens: 0,
      layerNormEps: 1e-6,
      labels: [],
    });
    expect(parseVitConfig(JSON.stringify({ ...dinov2Small, transformers_version: '4.45.0' })).positionInterpolation).toBe('size');
    expect(parseVitConfig(JSON.stringify({ ...dinov2Small, transformers_version: undefined })).positionInterpolation).toBe(
      'size',
    );
  });

  it("the giant's SwiGLU width: (int(4D · 2/3) + 7) // 8 · 8", () => {
    const c = parseVitConfig(
      JSON.stringify({ ...dinov2Small, hidden_size: 1536, num_attention_heads: 24, num_hidden_layers: 40, use_swiglu_ffn: true }),
    );
    expect(c.gatedMlp).toBe(true);
    expect(c.intermediateSize).toBe(4096);
  });

  it('Dinov2WithRegistersModel: [CLS] + 4 registers, antialiased interpolation', () => {
    const c = parseVitConfig(
      JSON.stringify({
        ...dinov2Small,
        architectures: ['Dinov2WithRegistersModel'],
        model_type: 'dinov2_with_registers',
        num_register_tokens: 4,
        transformers_version: '4.48.0.dev0',
      }),
    );
    expect(c.positionInterpolation).toBe('size-antialias');
    const layout = tokenLayoutOf(atInputSize(c, 224, 'preprocessor_config.json'));
    expect(layout.prefix.map((p) => p.name)).toEqual(['[CLS]', '[REG1]', '[REG2]', '[REG3]', '[REG4]']);
    expect(layout.numTokens).toBe(5 + 256);
  });

  it('takes its class defaults for keys the file leaves out', () => {
    const c = parseVitConfig(JSON.stringify({ model_type: 'dinov2' }));
    expect(c).toMatchObject({
      hiddenSize: 768,
      numHeads: 12,
      numLayers: 12,
      patchSize: 14,
      imageSize: 224,
      intermediateSize: 3072,
    });
  });

  it('refuses the classification heads and input sizes off the patch grid, naming why', () => {
    expect(() => parseVitConfig(JSON.stringify({ ...dinov2Small, architectures: ['Dinov2ForImageClassification'] }))).toThrow(
      /Dinov2ForImageClassification is not supported.*Dinov2Model/,
    );
    const c = parseVitConfig(JSON.stringify(dinov2Small));
    expect(() => atInputSize(c, 225, 'preprocessor_config.json')).toThrow(/225 is not a multiple of the patch size 14/);
    const vit = parseVitConfig(JSON.stringify({ hidden_size: 8, num_hidden_layers: 1, num_attention_heads: 2 }));
    expect(() => atInputSize(vit, 256, 'preprocessor_config.json')).toThrow(/256 px inputs but this model takes 224 px/);
  });
});

const clipVision = {
  hidden_size: 768,
  intermediate_size: 3072,
  num_hidden_layers: 12,
  num_attention_heads: 12,
  image_size: 224,
  patch_size: 32,
  hidden_act: 'quick_gelu',
  layer_norm_eps: 1e-5,
  projection_dim: 512,
  model_type: 'clip_vision_model',
};

describe('CLIP configs', () => {
  it('CLIPModel: the nested vision_config is the model; no classifier, quick_gelu, pre-norm, no patch bias', () => {
    const c = parseVitConfig(
      JSON.stringify({
        architectures: ['CLIPModel'],
        model_type: 'clip',
        projection_dim: 512,
        text_config: { hidden_size: 512, model_type: 'clip_text_model' },
        vision_config: clipVision,
        transformers_version: '4.21.0.dev0',
      }),
    );
    expect(c).toMatchObject({
      family: 'clip',
      hiddenSize: 768,
      patchSize: 32,
      imageSize: 224,
      activation: 'quick_gelu',
      embeddingNorm: true,
      patchBias: false,
      layerNormEps: 1e-5,
      labels: [],
      pooling: 'cls',
    });
    expect(c.positionGridSize).toBeUndefined();
    expect(tokenLayoutOf(c).numTokens).toBe(50);
  });

  it('CLIPVisionModel at the top level; a vision_config with nothing in it takes CLIPVisionConfig defaults', () => {
    expect(parseVitConfig(JSON.stringify({ architectures: ['CLIPVisionModel'], ...clipVision, patch_size: 16 })).patchSize).toBe(
      16,
    );
    const c = parseVitConfig(JSON.stringify({ architectures: ['CLIPModel'], vision_config: {} }));
    expect(c).toMatchObject({ hiddenSize: 768, intermediateSize: 3072, patchSize: 32, activation: 'quick_gelu' });
  });

  it("an older config's vision_config_dict overrides vision_config, as CLIPConfig does", () => {
    const c = parseVitConfig(
      JSON.stringify({ architectures: ['CLIPModel'], vision_config: clipVision, vision_config_dict: { patch_size: 16 } }),
    );
    expect(c.patchSize).toBe(16);
  });

  it('a CLIPModel without vision_config says what is missing', () => {
    expect(() => parseVitConfig(JSON.stringify({ architectures: ['CLIPModel'] }))).toThrow(/needs "vision_config"/);
  });
});

describe("the image processors' shortest-edge resize", () => {
  it("CLIP's CLIPFeatureExtractor reads a bare size as the shortest edge, then crops", () => {
    const p = parsePreprocessorConfig(
      JSON.stringify({
        crop_size: 224,
        do_center_crop: true,
        feature_extractor_type: 'CLIPFeatureExtractor',
        resample: 3,
        size: 224,
      }),
      224,
    );
    expect(p.size).toEqual({ kind: 'shortest-edge', shortestEdge: 224 });
    expect(p.cropSize).toEqual({ height: 224, width: 224 });
    expect(p.resample).toBe('bicubic');
    expect(p.imageMean).toEqual([0.48145466, 0.4578275, 0.40821073]);
    expect(inputSizeOf(p)).toBe(224);
  });

  it("DINOv2's BitImageProcessor: shortest edge 256, crop 224: the model's input is 224 px", () => {
    const p = parsePreprocessorConfig(
      JSON.stringify({
        crop_size: { height: 224, width: 224 },
        do_center_crop: true,
        image_processor_type: 'BitImageProcessor',
        size: { shortest_edge: 256 },
      }),
      518,
    );
    expect(p.size).toEqual({ kind: 'shortest-edge', shortestEdge: 256 });
    expect(p.doCenterCrop).toBe(true);
    expect(inputSizeOf(p)).toBe(224);
  });

  it('ViTImageProcessor still reads a bare size as a square, and a non-square input is refused', () => {
    const p = parsePreprocessorConfig(JSON.stringify({ image_processor_type: 'ViTImageProcessor', size: 384 }), 224);
    expect(p.size).toEqual({ kind: 'exact', height: 384, width: 384 });
    expect(inputSizeOf(p)).toBe(384);
    const wide = parsePreprocessorConfig(JSON.stringify({ size: { shortest_edge: 256 } }), 224);
    expect(() => inputSizeOf(wide)).toThrow(/square/);
  });
});
