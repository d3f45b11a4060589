import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadVit, type ModelFile } from './loadVit';
import { runTrace } from './forward';
import { disposeVitModel } from './vitModel';
import { writeSafetensors } from './safetensorsWriter';
import { randomCanonicalVit, randomInput } from './testing/randomCheckpoint';
import { namedTensors, timmConfigJson, writeCheckpoint } from './testing/checkpointFiles';
import { referenceForward } from './testing/reference64';
import { readSafetensors } from './safetensors';
import { timmVitConfig } from './timmConfig';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const file = (name: string, content: string | Uint8Array): ModelFile => {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return { name, arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer };
};

const spec = { hiddenSize: 24, numLayers: 2, numHeads: 3, intermediateSize: 48, imageSize: 16, patchSize: 4, numClasses: 4 };

describe("timm's config.json (architecture + pretrained_cfg)", () => {
  it('reads width, depth and patch size from the tensors, heads from the name, preprocessing from pretrained_cfg', async () => {
    const vit = randomCanonicalVit({ ...spec, distilled: true });
    const { safetensors } = writeCheckpoint(vit, 'timm');
    const loaded = await loadVit([
      file('config.json', timmConfigJson(vit, 'deit_tiny_distilled_patch4_16')),
      file('model.safetensors', safetensors),
    ]);
    const c = loaded.model.config;
    expect([c.hiddenSize, c.numLayers, c.numHeads, c.intermediateSize, c.patchSize, c.imageSize]).toEqual([24, 2, 3, 48, 4, 16]);
    expect(c.hasDistillationToken).toBe(true);
    expect(loaded.preprocessor.size).toEqual({ kind: 'shortest-edge', shortestEdge: 18 });
    expect(loaded.preprocessor.resample).toBe('bicubic');
    expect(loaded.preprocessor.imageMean).toEqual([0.485, 0.456, 0.406]);
    const input = randomInput(vit);
    const trace = await runTrace(loaded.model, input);
    const ref = referenceForward(vit, input);
    trace.logits!.data.forEach((v, i) => expect(Math.abs(v - ref.logits![i]!)).toBeLessThan(1e-4));
    disposeVitModel(loaded.model);
  });

  it('reads label_names and label_descriptions when timm gives them', async () => {
    const vit = randomCanonicalVit(spec);
    const names = ['n1', 'n2', 'n3', 'n4'];
    const config = timmConfigJson(vit, 'vit_tiny_patch4_16', {
      label_names: names,
      label_descriptions: { n1: 'tench', n2: 'goldfish', n3: 'shark', n4: 'ray' },
    });
    const loaded = await loadVit([
      file('config.json', config),
      file('model.safetensors', writeCheckpoint(vit, 'timm').safetensors),
    ]);
    expect(loaded.model.config.labels).toEqual(['tench', 'goldfish', 'shark', 'ray']);
    disposeVitModel(loaded.model);
  });

  it("says what to add when the architecture name does not give the heads (no size word, or only Object's own keys)", async () => {
    const vit = randomCanonicalVit(spec);
    for (const architecture of ['my_vit_patch4', 'vit_constructor_patch4']) {
      const files = [
        file('config.json', timmConfigJson(vit, architecture)),
        file('model.safetensors', writeCheckpoint(vit, 'timm').safetensors),
      ];
      await expect(loadVit(files)).rejects.toThrow(`cannot tell the number of heads from timm architecture "${architecture}"`);
    }
  });
});

describe('loading, whatever the checkpoint', () => {
  it('joins the shards of a sharded checkpoint', async () => {
    const vit = randomCanonicalVit({ ...spec, seed: 3 });
    const tensors = Object.entries(namedTensors(vit, 'huggingface-vit'));
    const half = Math.floor(tensors.length / 2);
    const shards = [tensors.slice(0, half), tensors.slice(half)].map((part) => writeSafetensors(Object.fromEntries(part)));
    const { config } = writeCheckpoint(vit, 'huggingface-vit');
    const loaded = await loadVit([
      file('model-00002-of-00002.safetensors', shards[1]!),
      file('config.json', config),
      file('model-00001-of-00002.safetensors', shards[0]!),
    ]);
    expect(loaded.fileNames).toEqual(['config.json', 'model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors']);
    disposeVitModel(loaded.model);
  });

  it('warns, naming the tensor, when weights hold NaN or Inf', async () => {
    const vit = randomCanonicalVit({ ...spec, seed: 4 });
    vit.layers[1]!.fc1.weight[3] = NaN;
    vit.layers[1]!.fc1.weight[5] = Infinity;
    const { config, safetensors } = writeCheckpoint(vit, 'huggingface-vit');
    const loaded = await loadVit([file('config.json', config), file('model.safetensors', safetensors)]);
    expect(loaded.warnings).toEqual([
      'model.safetensors: tensor "vit.encoder.layer.1.intermediate.dense.weight" holds 1 NaN and 1 infinite values of 1152; results that depend on it are meaningless',
    ]);
    disposeVitModel(loaded.model);
  });

  it('names a missing required config field', async () => {
    const vit = randomCanonicalVit(spec);
    const { config, safetensors } = writeCheckpoint(vit, 'huggingface-vit');
    const broken = JSON.parse(config) as Record<string, unknown>;
    delete broken.num_hidden_layers;
    await expect(loadVit([file('config.json', JSON.stringify(broken)), file('model.safetensors', safetensors)])).rejects.toThrow(
      'config.json: "num_hidden_layers" is missing: ViT Lens needs it to build the model',
    );
  });
});

describe("timm's DINOv2 names", () => {
  it('reads registers, LayerScale and the packed SwiGLU from the tensors, and DINOv2 giant has 24 heads', () => {
    const reg = randomCanonicalVit({
      ...spec,
      hiddenSize: 24,
      registers: 4,
      layerScale: true,
      noEmbedClass: true,
      numClasses: null,
    });
    const regTensors = readSafetensors(writeSafetensors(namedTensors(reg, 'timm')));
    const c = timmVitConfig({ architecture: 'vit_small_patch14_reg4_dinov2.lvd142m', raw: {} }, regTensors);
    expect(c).toMatchObject({ numRegisterTokens: 4, layerScale: true, gatedMlp: false, numHeads: 6, intermediateSize: 48 });
    const giant = randomCanonicalVit({ ...spec, hiddenSize: 48, layerScale: true, gatedMlp: true, numClasses: null });
    const giantTensors = readSafetensors(writeSafetensors(namedTensors(giant, 'timm')));
    const g = timmVitConfig({ architecture: 'vit_giant_patch14_dinov2.lvd142m', raw: {} }, giantTensors);
    expect(g).toMatchObject({ numHeads: 24, gatedMlp: true, intermediateSize: 48, numRegisterTokens: 0 });
  });
});
