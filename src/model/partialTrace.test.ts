/**
 * Partial traces: the recorded layers equal the full trace's exactly, every layer keeps its output,
 * runBlock re-runs any layer to the full trace's arrays exactly (several families, every plan),
 * nothing leaks; and the record policy and the memory verdict that follows it.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SafetensorsDtype } from './safetensors';
import { loadVit } from './loadVit';
import { blockInputOf, releaseTrace, runBlock, runTrace } from './forward';
import { BATCHED, FUSED, JOINED_READBACK, PER_HEAD, type KernelPlan } from './kernelPlan';
import { onBackend } from './testing/onBackend';
import { disposeVitModel, type VitModel } from './vitModel';
import { LAYER_KEYS, isPartial, isRecorded, traceBytes, type VitTrace } from './trace';
import { randomCanonicalVit, randomInput, type Naming, type RandomVitSpec } from './testing/randomCheckpoint';
import { writeCheckpoint } from './testing/checkpointFiles';
import { SMALL_VIT } from './testing/loadRandomVit';
import { parseVitConfig } from './config';
import { estimateMemory, memoryVerdict } from './memoryEstimate';
import { isPartialFor, layersHeld, recordLayersFor, recordModeFrom, recordedLayers, withLayer } from './partialTrace';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function memoryFile(name: string, content: string | Uint8Array) {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return { name, arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer };
}

const deep: RandomVitSpec = { ...SMALL_VIT, numLayers: 4 };
const families: { title: string; spec: RandomVitSpec; naming: Naming; dtype: SafetensorsDtype }[] = [
  { title: 'Hugging Face ViT', spec: { ...deep, seed: 31 }, naming: 'huggingface-vit', dtype: 'F32' },
  { title: 'distilled DeiT', spec: { ...deep, seed: 32, distilled: true }, naming: 'huggingface-deit', dtype: 'F32' },
  {
    title: 'no [CLS], mean pooling',
    spec: { ...deep, seed: 33, classToken: false, positionEmbeddings: false },
    naming: 'huggingface-vit',
    dtype: 'F32',
  },
  {
    title: 'DINOv2 with registers, SwiGLU',
    spec: {
      ...deep,
      seed: 34,
      family: 'dinov2',
      registers: 2,
      gatedMlp: true,
      imageSize: 28,
      positionImageSize: 28,
      patchSize: 14,
    },
    naming: 'huggingface-dinov2',
    dtype: 'F32',
  },
  {
    title: 'CLIP vision tower',
    spec: { ...deep, seed: 35, family: 'clip', imageSize: 32, patchSize: 8 },
    naming: 'huggingface-clip-vision',
    dtype: 'F32',
  },
];

async function load(
  spec: RandomVitSpec,
  naming: Naming,
  dtype: SafetensorsDtype,
): Promise<{ model: VitModel; input: Float32Array }> {
  const vit = randomCanonicalVit(spec, dtype);
  const files = writeCheckpoint(vit, naming, dtype);
  const given = [memoryFile('config.json', files.config), memoryFile('model.safetensors', files.safetensors)];
  if (files.preprocessor) given.push(memoryFile('preprocessor_config.json', files.preprocessor));
  const loaded = await loadVit(given);
  return { model: loaded.model, input: randomInput(vit) };
}

function expectSameLayer(got: VitTrace['layers'][number], want: VitTrace['layers'][number], what: string) {
  for (const key of LAYER_KEYS) {
    expect(got[key].shape, `${what} ${key} shape`).toEqual(want[key].shape);
    expect(got[key].data.length, `${what} ${key} length`).toBe(want[key].data.length);
    expect(got[key].data.length, `${what} ${key} is not empty`).toBeGreaterThan(0);
    // exact: the same kernels on the same input
    expect(Array.from(got[key].data), `${what} ${key}`).toEqual(Array.from(want[key].data));
  }
}

const plans: [string, KernelPlan, 'cpu' | 'wasm'][] = [
  ['batched', BATCHED, 'cpu'],
  ['joined read-back', JOINED_READBACK, 'cpu'],
  ['per-head', PER_HEAD, 'cpu'],
  ['ViT Lens wasm kernels (FUSED)', FUSED, 'wasm'],
];

describe.each(plans)('a partial trace and runBlock against the full trace, %s', (_, plan, backend) => {
  onBackend(backend);
  for (const c of families) {
    it(c.title, async () => {
      const { model, input } = await load(c.spec, c.naming, c.dtype);
      try {
        const full = await runTrace(model, input, { plan });
        const partial = await runTrace(model, input, { plan, recordLayers: [0, 2] });
        expect(full.recorded).toBeUndefined();
        expect(isPartial(full)).toBe(false);
        expect(partial.recorded).toEqual([true, false, true, false]);
        expect(isPartial(partial)).toBe(true);
        expect(recordedLayers(partial)).toEqual([0, 2]);
        expect(Array.from(partial.logits?.data ?? partial.pooled.data)).toEqual(
          Array.from(full.logits?.data ?? full.pooled.data),
        );
        expect(Array.from(partial.embeddings.data)).toEqual(Array.from(full.embeddings.data));
        for (const l of [0, 2]) expectSameLayer(partial.layers[l]!, full.layers[l]!, `recorded layer ${l}`);
        for (const l of [1, 3]) {
          expect(isRecorded(partial, l)).toBe(false);
          expect(Array.from(partial.layers[l]!.out.data)).toEqual(Array.from(full.layers[l]!.out.data));
          expect(partial.layers[l]!.attn.data.length).toBe(0);
          expect(partial.layers[l]!.attn.shape).toEqual(full.layers[l]!.attn.shape);
        }
        expect(traceBytes(partial)).toBeLessThan(traceBytes(full));
        for (let l = 0; l < model.layers.length; l++) {
          const layer = await runBlock(model, l, blockInputOf(partial, l), { plan });
          expectSameLayer(layer, full.layers[l]!, `re-run layer ${l}`);
        }
        const merged = withLayer(partial, 3, await runBlock(model, 3, blockInputOf(partial, 3), { plan }));
        expect(merged.recorded).toEqual([true, false, true, true]);
        expect(partial.recorded).toEqual([true, false, true, false]);
        expectSameLayer(merged.layers[3]!, full.layers[3]!, 'merged layer 3');
      } finally {
        disposeVitModel(model);
      }
    });
  }
});

describe.each(plans)('tensor hygiene of partial traces and runBlock, %s', (_, plan, backend) => {
  onBackend(backend);
  it('leaves tf.memory().numTensors where it was, zero-copy too, and on a rejected input', async () => {
    const { model, input } = await load({ ...deep, seed: 36 }, 'huggingface-vit', 'F32');
    try {
      await runBlock(model, 1, new Float32Array(17 * 16), { plan }); // warm-up
      const before = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) {
        const trace = await runTrace(model, input, { plan, recordLayers: [1], zeroCopy: true });
        await runBlock(model, 2, blockInputOf(trace, 2), { plan });
        releaseTrace(trace);
      }
      await expect(runBlock(model, 1, new Float32Array(5), { plan })).rejects.toThrow(/input is 17 × 16/);
      await expect(runBlock(model, 4, new Float32Array(17 * 16), { plan })).rejects.toThrow(/no layer 4/);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      disposeVitModel(model);
    }
  });
});

const vitL384 = parseVitConfig(
  JSON.stringify({
    hidden_size: 1024,
    num_hidden_layers: 24,
    num_attention_heads: 16,
    intermediate_size: 4096,
    image_size: 384,
    patch_size: 16,
  }),
  'ViT-L/16-384',
);
const vitH14 = parseVitConfig(
  JSON.stringify({
    hidden_size: 1280,
    num_hidden_layers: 32,
    num_attention_heads: 16,
    intermediate_size: 5120,
    image_size: 224,
    patch_size: 14,
  }),
  'ViT-H/14',
);
const vitB = parseVitConfig(
  JSON.stringify({
    hidden_size: 768,
    num_hidden_layers: 12,
    num_attention_heads: 12,
    intermediate_size: 3072,
    image_size: 224,
    patch_size: 16,
  }),
  'ViT-B/16',
);

describe('the record policy', () => {
  it('reads ?record= as untrusted input', () => {
    expect(recordModeFrom('?record=shown')).toBe('shown');
    expect(recordModeFrom('?model=x&record=all')).toBe('all');
    expect(recordModeFrom('?record=ALL')).toBe('auto');
    expect(recordModeFrom('?record=%3Cscript%3E')).toBe('auto');
    expect(recordModeFrom('')).toBe('auto');
  });

  it('records ViT-L/16-384 and ViT-H/14 partially, ViT-B fully, unless the address says otherwise', () => {
    expect(isPartialFor(vitL384, 1000, 'auto')).toBe(true);
    expect(isPartialFor(vitH14, 1000, 'auto')).toBe(true);
    expect(isPartialFor(vitB, 1000, 'auto')).toBe(false);
    expect(isPartialFor(vitB, 1000, 'shown')).toBe(true);
    expect(isPartialFor(vitL384, 1000, 'all')).toBe(false);
    expect(recordLayersFor(vitB, 1000, 'auto', 5)).toBeUndefined();
    expect(recordLayersFor(vitL384, 1000, 'auto', 5)).toEqual([0, 5]);
    expect(recordLayersFor(vitL384, 1000, 'auto', 0)).toEqual([0]);
    expect(recordLayersFor(vitL384, 1000, 'auto', 99)).toEqual([0, 23]);
    expect(recordLayersFor(vitL384, 1000, 'auto', Number.NaN)).toEqual([0]);
  });

  it('the memory verdict judges by the trace recorded: ViT-L/16-384 goes from refused to asked', () => {
    const budget = 2.5 * 2 ** 30;
    const full = memoryVerdict(vitL384, budget, 1000);
    expect(full.kind).toBe('refuse');
    const held = layersHeld(vitL384, 1000, 'auto');
    expect(held).toBe(3);
    const partial = memoryVerdict(vitL384, budget, 1000, undefined, held);
    expect(partial.kind).toBe('ask');
    if (partial.kind !== 'ask') return;
    expect(partial.message).toContain("one image's trace 2.28 GB (577 tokens × 24 layers × 16 heads)");
    expect(partial.message).toMatch(/of which the page keeps 3\d\d\.\d MB/);
    const e = estimateMemory(vitL384, 1000, held);
    expect(e.fullTraceBytes).toBe(estimateMemory(vitL384, 1000).traceBytes);
    expect(e.traceBytes).toBeLessThan(e.fullTraceBytes / 5);
    expect(memoryVerdict(vitH14, 4 * 2 ** 30, 1000, undefined, layersHeld(vitH14, 1000, 'auto')).kind).toBe('ask');
  });
});
