import { describe, expect, it } from 'vitest';
import { parseVitConfig } from './config';
import { readSafetensors } from './safetensors';
import { writeSafetensors } from './safetensorsWriter';
import { CheckpointError, mapWeights } from './weights';
import { isClipVisionTensor } from './familyWeights';
import { randomCanonicalVit } from './testing/randomCheckpoint';
import { configJson, namedTensors } from './testing/checkpointFiles';

const spec = { hiddenSize: 8, numLayers: 2, numHeads: 2, intermediateSize: 16, imageSize: 8, patchSize: 4, numClasses: 3 };

describe('mapWeights', () => {
  it('lists every missing and mis-shaped tensor at once', () => {
    const vit = randomCanonicalVit(spec);
    const tensors = namedTensors(vit, 'huggingface-vit');
    delete tensors['vit.encoder.layer.1.attention.attention.key.weight'];
    tensors['vit.layernorm.weight'] = { shape: [7], data: new Float32Array(7) };
    const raw = readSafetensors(writeSafetensors(tensors));
    let error: CheckpointError | undefined;
    try {
      mapWeights(raw, parseVitConfig(configJson(vit)), 'model.safetensors');
    } catch (e) {
      error = e as CheckpointError;
    }
    expect(error).toBeInstanceOf(CheckpointError);
    expect(error!.problems).toEqual([
      'missing "vit.encoder.layer.1.attention.attention.key.weight" (expected shape [8, 8])',
      '"vit.layernorm.weight" has shape [7], expected [8]',
    ]);
  });

  it('says what it expected when no naming scheme matches', () => {
    const raw = readSafetensors(writeSafetensors({ 'foo.weight': { shape: [1], data: [1] } }));
    expect(() => mapWeights(raw, parseVitConfig(configJson(randomCanonicalVit(spec))))).toThrow(
      /patch_embed\.proj\.weight.*foo\.weight/s,
    );
  });

  it('catches a config whose depth the checkpoint lacks', () => {
    const vit = randomCanonicalVit(spec);
    const raw = readSafetensors(writeSafetensors(namedTensors(vit, 'timm')));
    const deeper = parseVitConfig(configJson(vit).replace('"num_hidden_layers": 2', '"num_hidden_layers": 3'));
    expect(() => mapWeights(raw, deeper)).toThrow(/missing "blocks\.2\.norm1\.weight"/);
  });

  it('catches a classifier that disagrees with id2label', () => {
    const vit = randomCanonicalVit(spec);
    const raw = readSafetensors(writeSafetensors(namedTensors(vit, 'huggingface-vit')));
    const config = parseVitConfig(configJson(vit));
    config.labels = ['a', 'b'];
    expect(() => mapWeights(raw, config)).toThrow(/classifier has 3 classes but id2label names 2/);
  });
});

describe('mapWeights, DINOv2 and CLIP', () => {
  const dinov2 = { ...spec, family: 'dinov2' as const, registers: 2, patchSize: 4, positionImageSize: 8, numClasses: null };

  it("lists DINOv2's missing LayerScale and register tensors by their transformers names", () => {
    const vit = randomCanonicalVit(dinov2);
    const tensors = namedTensors(vit, 'huggingface-dinov2');
    delete tensors['encoder.layer.1.layer_scale2.lambda1'];
    delete tensors['embeddings.register_tokens'];
    const raw = readSafetensors(writeSafetensors(tensors));
    expect(() => mapWeights(raw, parseVitConfig(configJson(vit)))).toThrow(
      /missing "encoder\.layer\.1\.layer_scale2\.lambda1".*missing "embeddings\.register_tokens" \(expected shape \[1, 2, 8\]\)/s,
    );
  });

  it('refuses CLIP tensors under a config of another family', () => {
    const vit = randomCanonicalVit({ ...spec, family: 'clip', numClasses: null });
    const raw = readSafetensors(
      writeSafetensors(namedTensors(vit, 'huggingface-clip-vision')),
      'model.safetensors',
      isClipVisionTensor,
    );
    const vitConfig = parseVitConfig(configJson(randomCanonicalVit({ ...spec, numClasses: null })));
    expect(() => mapWeights(raw, vitConfig)).toThrow(/named as huggingface-clip's but config\.json describes a ViT model/);
  });

  it("a full CLIPModel file: the reader keeps the vision tower and never looks at the text tower's or the int64 tensors", () => {
    const vit = randomCanonicalVit({ ...spec, family: 'clip', numClasses: null });
    const bytes = writeSafetensors(namedTensors(vit, 'huggingface-clip'));
    expect(() => readSafetensors(bytes)).toThrow(/dtype "I64"/);
    const kept = readSafetensors(bytes, 'model.safetensors', isClipVisionTensor);
    expect([...kept.keys()].every((n) => n.startsWith('vision_model.'))).toBe(true);
    expect(kept.has('text_model.embeddings.token_embedding.weight')).toBe(false);
    expect(() => mapWeights(kept, parseVitConfig(configJson(vit, 'huggingface-clip')))).not.toThrow();
  });
});

describe('parseVitConfig', () => {
  const base = { hidden_size: 8, num_hidden_layers: 1, num_attention_heads: 2, image_size: 8, patch_size: 4 };
  it('applies Hugging Face defaults and reads our own keys', () => {
    const c = parseVitConfig(JSON.stringify({ ...base, vitlens_class_token: false, vitlens_position_embeddings: false }));
    expect(c.intermediateSize).toBe(32);
    expect(c.activation).toBe('gelu');
    expect(c.pooling).toBe('mean');
    expect(c.hasPositionEmbeddings).toBe(false);
    expect(parseVitConfig(JSON.stringify({ ...base, hidden_act: 'gelu_new' })).activation).toBe('gelu_tanh');
  });
  it('names the file and the key in every error', () => {
    expect(() => parseVitConfig('{', 'config.json')).toThrow(/^config\.json: not valid JSON/);
    expect(() => parseVitConfig(JSON.stringify({ ...base, hidden_size: 7 }))).toThrow(/not divisible/);
    expect(() => parseVitConfig(JSON.stringify({ ...base, num_hidden_layers: 0 }))).toThrow(
      /"num_hidden_layers" must be a positive integer/,
    );
    expect(() => parseVitConfig(JSON.stringify({ ...base, hidden_act: 'swish' }))).toThrow(/hidden_act "swish" is not supported/);
    // Object's own keys are no activation
    for (const act of ['constructor', 'toString', '__proto__'])
      expect(() => parseVitConfig(JSON.stringify({ ...base, hidden_act: act }))).toThrow(/is not supported/);
    expect(() => parseVitConfig(JSON.stringify({ ...base, image_size: 10 }))).toThrow(/not a multiple of patch_size/);
    expect(() => parseVitConfig(JSON.stringify({ ...base, vitlens_class_token: false, vitlens_pooling: 'cls' }))).toThrow(
      /no class token/,
    );
  });
});
