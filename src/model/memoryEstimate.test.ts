import { describe, expect, it } from 'vitest';
import { parseVitConfig, type VitConfig } from './config';
import { estimateMemory, formatCount, formatSize, layerArrayShapes, memoryVerdict, parameterCount } from './memoryEstimate';
import { randomCanonicalVit } from './testing/randomCheckpoint';
import { writeCheckpoint } from './testing/checkpointFiles';
import { loadVit } from './loadVit';
import { LAYER_KEYS, traceBytes } from './trace';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { runTrace } from './forward';
import { disposeVitModel } from './vitModel';

const hf = (extra: Record<string, unknown>): VitConfig =>
  parseVitConfig(
    JSON.stringify({
      hidden_size: 768,
      num_hidden_layers: 12,
      num_attention_heads: 12,
      intermediate_size: 3072,
      image_size: 224,
      patch_size: 16,
      id2label: Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [String(i), `c${i}`])),
      ...extra,
    }),
  );

describe('memory estimate from a config', () => {
  it('an absurd image size (the fuzzer found 1e300) gives an infinite size, never NaN, full or partial', () => {
    const absurd = hf({ image_size: 1e300, patch_size: 8 });
    for (const recorded of [absurd.numLayers, 1]) {
      const e = estimateMemory(absurd, undefined, recorded);
      for (const n of [e.weightsBytes, e.traceBytes, e.totalBytes]) expect(n > 0 && !Number.isNaN(n)).toBe(true);
      expect(memoryVerdict(absurd, undefined, undefined, undefined, recorded).kind).toBe('refuse');
    }
  });
  it('counts ViT-B/16 and ViT-L/16 parameters as the papers do (86.6M, 304.3M with a 1000-class head)', () => {
    expect(parameterCount(hf({})) / 1e6).toBeCloseTo(86.57, 1);
    const large = hf({ hidden_size: 1024, num_hidden_layers: 24, num_attention_heads: 16, intermediate_size: 4096 });
    expect(parameterCount(large) / 1e6).toBeCloseTo(304.33, 1);
  });

  it('ViT-L/16 at 384 px: 577 tokens, a 2.28 GB trace, asked about and not refused', () => {
    const c = hf({ hidden_size: 1024, num_hidden_layers: 24, num_attention_heads: 16, intermediate_size: 4096, image_size: 384 });
    const e = estimateMemory(c);
    expect(e.tokens).toBe(577);
    // per layer: 9·T·D + 3·h·T² + T·M floats
    const perLayer = (9 * 577 * 1024 + 3 * 16 * 577 * 577 + 577 * 4096) * 4;
    expect(e.traceBytes).toBe(24 * perLayer + (3 * 384 * 384 + 576 * 1024 + 2 * 577 * 1024 + 1024 + 2000) * 4);
    expect(formatSize(e.traceBytes)).toBe('2.28 GB');
    const v = memoryVerdict(c);
    expect(v.kind).toBe('ask');
    expect(v.kind !== 'fits' && v.message).toContain("one image's trace 2.28 GB (577 tokens × 24 layers × 16 heads)");
  });

  it('registers and the distillation token add prefix tokens', () => {
    expect(estimateMemory({ ...hf({}), numRegisterTokens: 4 }).tokens).toBe(201);
    expect(estimateMemory({ ...hf({}), hasDistillationToken: true }).tokens).toBe(198);
  });

  it('refuses absurd configs with their sizes, and lets ViT-B/16 through without a question', () => {
    expect(memoryVerdict(hf({})).kind).toBe('fits');
    for (const extra of [
      { image_size: 100000 },
      { num_hidden_layers: 10000 },
      { hidden_size: 1048576, num_attention_heads: 16 },
    ]) {
      const v = memoryVerdict(hf(extra));
      expect(v.kind).toBe('refuse');
      expect(v.kind === 'refuse' && v.message).toMatch(/too big.*weights need [\d.]+ [kMGTPE]?B .*trace [\d.]+ .*B/);
    }
    expect(
      memoryVerdict(hf({ image_size: 100000 })).kind === 'refuse' &&
        formatSize(estimateMemory(hf({ image_size: 100000 })).traceBytes),
    ).toMatch(/EB$/);
  });

  it('a smaller budget refuses what a larger one asks about', () => {
    const b384 = hf({ image_size: 384 });
    expect(memoryVerdict(b384).kind).toBe('ask');
    expect(memoryVerdict(b384, 1e9).kind).toBe('refuse');
  });

  it('formats sizes from bytes to beyond exabytes', () => {
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(1536)).toBe('1.54 kB');
    expect(formatSize(2.5e12)).toBe('2.50 TB');
    expect(formatSize(3e21)).toBe('3.0 × 10^3 EB');
    expect(formatCount(304_326_632)).toBe('304 million');
    expect(formatCount(7.09e10)).toBe('70.9 billion');
    expect(formatCount(5000)).toBe('5000');
  });

  it('the estimate is the real trace size and parameter count of a built model (with a distillation token)', async () => {
    await tf.setBackend('cpu');
    const vit = randomCanonicalVit({
      hiddenSize: 24,
      numLayers: 2,
      numHeads: 3,
      intermediateSize: 40,
      imageSize: 24,
      patchSize: 8,
      numClasses: 5,
      distilled: true,
    });
    const files = writeCheckpoint(vit, 'huggingface-deit');
    const { model } = await loadVit([
      { name: 'model.safetensors', arrayBuffer: async () => files.safetensors.slice().buffer as ArrayBuffer },
      { name: 'config.json', arrayBuffer: async () => new TextEncoder().encode(files.config).buffer as ArrayBuffer },
    ]);
    expect(model.config.hasDistillationToken).toBe(true);
    const input = tf.tidy(() => tf.randomUniform([3, 24, 24]).dataSync()) as Float32Array;
    const trace = await runTrace(model, input);
    const e = estimateMemory(model.config, 5);
    expect(e.traceBytes).toBe(traceBytes(trace));
    expect(e.parameters).toBe(model.numParameters);
    const shapes = layerArrayShapes(model.config);
    for (const key of LAYER_KEYS) expect(trace.layers[0]![key].shape).toEqual(shapes[key]);
    disposeVitModel(model);
  });
});
