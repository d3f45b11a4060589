/**
 * DINOv2 (with and without registers, SwiGLU, old and new interpolation), timm's DINOv2 names, and
 * CLIP's vision tower (alone and inside a full CLIPModel), each a random checkpoint in the family's
 * exact tensor names and config, loaded by the page's loader and traced on every kernel plan:
 * every traced array against the float64 reference.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SafetensorsDtype } from './safetensors';
import { loadVit, type ModelFile } from './loadVit';
import { runTrace } from './forward';
import { runAttention } from './tensorForward';
import { BATCHED, FUSED, PER_HEAD, type KernelPlan } from './kernelPlan';
import { onBackend } from './testing/onBackend';
import { disposeVitModel } from './vitModel';
import { tokenLayoutOf } from './tokenLayout';
import { LAYER_KEYS, traceBytes, type Matrix } from './trace';
import { estimateMemory } from './memoryEstimate';
import { randomCanonicalVit, randomInput, type Naming, type RandomVitSpec } from './testing/randomCheckpoint';
import { timmConfigJson, writeCheckpoint } from './testing/checkpointFiles';
import { referenceForward } from './testing/reference64';
import { maxRelativeError } from './testing/loadRandomVit';

function memoryFile(name: string, content: string | Uint8Array): ModelFile {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return { name, arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer };
}

function relativeError(got: Float32Array, want: Float64Array): number {
  expect(got.length).toBe(want.length);
  return maxRelativeError(got, want);
}

function absoluteError(got: Float32Array, want: Float64Array): number {
  let diff = 0;
  for (let i = 0; i < want.length; i++) diff = Math.max(diff, Math.abs(got[i]! - want[i]!));
  return diff;
}

const expectClose = (name: string, got: Matrix, want: Float64Array) =>
  expect(relativeError(got.data, want), name).toBeLessThanOrEqual(1e-4);

const small = { hiddenSize: 16, numLayers: 2, numHeads: 2, intermediateSize: 32, numClasses: null } as const;

interface FamilyCase {
  title: string;
  spec: RandomVitSpec;
  naming: Naming;
  dtype: SafetensorsDtype;
  /** timm's config.json architecture, for timm naming */
  timm?: string;
  /** token names the layout must give, in order, before the patches */
  prefix: string[];
}

const cases: FamilyCase[] = [
  {
    title: 'Dinov2Model learned at 518 px, run at 224 px (transformers 4.48: size=, no antialias)',
    spec: { ...small, family: 'dinov2', imageSize: 224, positionImageSize: 518, patchSize: 14, seed: 21 },
    naming: 'huggingface-dinov2',
    dtype: 'F32',
    prefix: ['[CLS]'],
  },
  {
    title: 'Dinov2Model of transformers 4.31 (scale_factor with the +0.1 offset), 518 → 224 px, BF16',
    spec: {
      ...small,
      family: 'dinov2',
      imageSize: 224,
      positionImageSize: 518,
      patchSize: 14,
      transformersVersion: '4.31.0.dev0',
      seed: 22,
    },
    naming: 'huggingface-dinov2',
    dtype: 'BF16',
    prefix: ['[CLS]'],
  },
  {
    title: 'Dinov2WithRegistersModel, 4 registers, 518 → 224 px (size=, antialias=True)',
    spec: { ...small, family: 'dinov2', registers: 4, imageSize: 224, positionImageSize: 518, patchSize: 14, seed: 23 },
    naming: 'huggingface-dinov2',
    dtype: 'F32',
    prefix: ['[CLS]', '[REG1]', '[REG2]', '[REG3]', '[REG4]'],
  },
  {
    title: 'Dinov2WithRegistersModel run above its learned size (4 × 4 grid → 6 × 6, antialias upsampling), F16',
    spec: { ...small, family: 'dinov2', registers: 2, imageSize: 84, positionImageSize: 56, patchSize: 14, seed: 24 },
    naming: 'huggingface-dinov2',
    dtype: 'F16',
    prefix: ['[CLS]', '[REG1]', '[REG2]'],
  },
  {
    title: "DINOv2 giant's SwiGLU MLP (use_swiglu_ffn), 98 → 56 px",
    spec: { ...small, family: 'dinov2', gatedMlp: true, imageSize: 56, positionImageSize: 98, patchSize: 14, seed: 25 },
    naming: 'huggingface-dinov2',
    dtype: 'F32',
    prefix: ['[CLS]'],
  },
  {
    title: 'CLIPVisionModel (pre_layrnorm, quick_gelu, class_embedding, no patch bias, post_layernorm)',
    spec: { ...small, family: 'clip', imageSize: 32, patchSize: 8, seed: 26 },
    naming: 'huggingface-clip-vision',
    dtype: 'F32',
    prefix: ['[CLS]'],
  },
  {
    title: 'a full CLIPModel (text tower, projections, int64 position_ids skipped), BF16',
    spec: { ...small, family: 'clip', imageSize: 32, patchSize: 8, seed: 27 },
    naming: 'huggingface-clip',
    dtype: 'BF16',
    prefix: ['[CLS]'],
  },
  {
    title: "timm's vit_small_patch14_reg4_dinov2 names (reg_token, ls1/ls2, no_embed_class positions)",
    spec: { ...small, registers: 4, layerScale: true, noEmbedClass: true, imageSize: 28, patchSize: 14, seed: 28 },
    naming: 'timm',
    dtype: 'F32',
    timm: 'vit_small_patch14_reg4_dinov2.lvd142m',
    prefix: ['[CLS]', '[REG1]', '[REG2]', '[REG3]', '[REG4]'],
  },
  {
    title: "timm's vit_giant_patch14_dinov2 names (SwiGLUPacked fc1, LayerScale)",
    spec: { ...small, layerScale: true, gatedMlp: true, imageSize: 28, patchSize: 14, seed: 29 },
    naming: 'timm',
    dtype: 'F32',
    timm: 'vit_giant_patch14_dinov2.lvd142m',
    prefix: ['[CLS]'],
  },
];

async function loadCase(c: FamilyCase) {
  const vit = randomCanonicalVit(c.spec, c.dtype);
  const files = writeCheckpoint(vit, c.naming, c.dtype);
  const config = c.timm ? timmConfigJson(vit, c.timm, { model_args: { num_heads: c.spec.numHeads } }) : files.config;
  const given = [memoryFile('config.json', config), memoryFile('model.safetensors', files.safetensors)];
  if (files.preprocessor) given.push(memoryFile('preprocessor_config.json', files.preprocessor));
  const loaded = await loadVit(given);
  return { vit, loaded, input: randomInput(vit) };
}

const plans: [string, KernelPlan, 'cpu' | 'wasm'][] = [
  ['batched', BATCHED, 'cpu'],
  ['per-head, broadcast-free', PER_HEAD, 'cpu'],
  ['ViT Lens wasm kernels (FUSED)', FUSED, 'wasm'],
];

describe.each(plans)('DINOv2 and CLIP against the float64 reference, %s', (_, plan, backend) => {
  onBackend(backend);

  for (const c of cases) {
    it(c.title, async () => {
      const { vit, loaded, input } = await loadCase(c);
      const { model } = loaded;
      const layout = tokenLayoutOf(model.config);
      expect(layout.prefix.map((p) => p.name)).toEqual(c.prefix);
      const grid = c.spec.imageSize / c.spec.patchSize;
      expect([layout.gridRows, layout.gridCols]).toEqual([grid, grid]);
      const before = tf.memory().numTensors;
      const trace = await runTrace(model, input, { plan });
      expect(tf.memory().numTensors).toBe(before);
      const ref = referenceForward(vit, input);
      expect(trace.embeddings.shape).toEqual([layout.numTokens, c.spec.hiddenSize]);
      expectClose('patchTokens', trace.patchTokens, ref.patchTokens);
      expectClose('embeddings', trace.embeddings, ref.embeddings);
      trace.layers.forEach((layer, i) => {
        for (const key of LAYER_KEYS) {
          if (key === 'attn') {
            expect(absoluteError(layer.attn.data, ref.layers[i]!.attn), `layer ${i} attn`).toBeLessThanOrEqual(1e-4);
          } else {
            expectClose(`layer ${i} ${key}`, layer[key], ref.layers[i]![key]);
          }
        }
      });
      expectClose('finalNorm', trace.finalNorm, ref.finalNorm);
      expectClose('pooled', trace.pooled, ref.pooled);
      // no classifier: nothing to predict
      expect(ref.logits).toBeNull();
      expect(trace.logits).toBeNull();
      expect(trace.probs).toBeNull();
      // the re-running pass (ablation, gallery) computes the same attention
      const attention = await runAttention(model, input, plan);
      attention.forEach((a, i) =>
        expect(absoluteError(a, ref.layers[i]!.attn), `tensor pass layer ${i}`).toBeLessThanOrEqual(1e-4),
      );
      disposeVitModel(model);
    });
  }
});

describe('what the loader reads of these checkpoints', () => {
  it('a full CLIPModel: only the vision tower (its text tower and int64 buffers are never decoded)', async () => {
    const c = cases.find((x) => x.naming === 'huggingface-clip')!;
    const { loaded } = await loadCase(c);
    expect(loaded.model.naming).toBe('huggingface-clip');
    expect(loaded.model.classifier).toBeNull();
    expect(loaded.model.embeddingNorm).not.toBeNull();
    expect(loaded.model.config.activation).toBe('quick_gelu');
    disposeVitModel(loaded.model);
  });

  it('DINOv2 takes its input size from the preprocessor (crop 224) and keeps the 518 px grid to interpolate from', async () => {
    const { loaded } = await loadCase(cases[2]!);
    const { config } = loaded.model;
    expect(config.imageSize).toBe(224);
    expect(config.positionGridSize).toBe(37);
    expect(config.positionInterpolation).toBe('size-antialias');
    expect(loaded.preprocessor.size).toEqual({ kind: 'shortest-edge', shortestEdge: 256 });
    expect(loaded.preprocessor.cropSize).toEqual({ height: 224, width: 224 });
    expect(loaded.model.positionEmbeddings!.shape).toEqual([1 + 4 + 256, 16]);
    // registers get no position: their rows are zero
    const rows = (await loaded.model.positionEmbeddings!.data()) as Float32Array;
    expect(Array.from(rows.subarray(16, 5 * 16)).every((v) => v === 0)).toBe(true);
    disposeVitModel(loaded.model);
  });

  it('LayerScale counts as parameters although it is folded into the output projections', async () => {
    const { loaded } = await loadCase(cases[0]!);
    const { model } = loaded;
    const D = 16;
    const M = model.config.intermediateSize;
    const T = 1 + 256;
    const perLayer = 4 * (D * D + D) + 2 * (M * D) + M + D + 4 * D + 2 * D;
    const expected = 2 * perLayer + (3 * 14 * 14 * D + D) + D + T * D + 2 * D;
    expect(model.numParameters).toBe(expected);
    disposeVitModel(model);
  });
});

describe('the memory estimate knows these families', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  for (const c of cases) {
    it(`parameters and trace size from the config alone: ${c.title}`, async () => {
      const { loaded, input } = await loadCase(c);
      const { model } = loaded;
      const estimate = estimateMemory(model.config, 0);
      expect(estimate.parameters).toBe(model.numParameters);
      const trace = await runTrace(model, input);
      expect(estimate.traceBytes).toBe(traceBytes(trace));
      disposeVitModel(model);
    });
  }
});
