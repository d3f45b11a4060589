import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTrace } from './forward';
import { encodeNpy, encodeTraceNpz, traceArrays } from './traceNpz';
import { createVitModel, disposeVitModel } from './vitModel';
import { mapWeights } from './weights';
import { parseVitConfig } from './config';
import { readSafetensors } from './safetensors';
import { decodeNpy, decodeNpz } from './testing/npzReader';
import { randomCanonicalVit, randomInput } from './testing/randomCheckpoint';
import { writeCheckpoint } from './testing/checkpointFiles';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('trace.npz', () => {
  it('writes a valid .npy header aligned to 64 bytes', () => {
    const npy = encodeNpy({ data: new Float32Array([1, 2, 3]), shape: [3] });
    const header = new TextDecoder().decode(npy.subarray(10, 10 + new DataView(npy.buffer).getUint16(8, true)));
    expect(header).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \(3,\), \} *\n$/);
    expect((10 + header.length) % 64).toBe(0);
    expect(Array.from(decodeNpy(npy).data)).toEqual([1, 2, 3]);
  });

  it('holds every contract key with its shape and the traced values', async () => {
    const vit = randomCanonicalVit({
      hiddenSize: 8,
      numLayers: 2,
      numHeads: 2,
      intermediateSize: 16,
      imageSize: 8,
      patchSize: 4,
      numClasses: 3,
    });
    const files = writeCheckpoint(vit, 'huggingface-vit');
    const config = parseVitConfig(files.config);
    const model = createVitModel(config, mapWeights(readSafetensors(files.safetensors), config).weights);
    const trace = await runTrace(model, randomInput(vit));
    disposeVitModel(model);
    const npz = decodeNpz(encodeTraceNpz(trace));
    const T = 5;
    const expected: Record<string, number[]> = {
      input: [3, 8, 8],
      patch_tokens: [4, 8],
      embeddings: [T, 8],
      final_norm: [T, 8],
      pooled: [8],
      logits: [3],
      probs: [3],
    };
    for (let i = 0; i < 2; i++) {
      Object.assign(expected, {
        [`layer${i}.norm1`]: [T, 8],
        [`layer${i}.q`]: [2, T, 4],
        [`layer${i}.k`]: [2, T, 4],
        [`layer${i}.v`]: [2, T, 4],
        [`layer${i}.scores`]: [2, T, T],
        [`layer${i}.scaled`]: [2, T, T],
        [`layer${i}.attn`]: [2, T, T],
        [`layer${i}.context`]: [2, T, 4],
        [`layer${i}.attn_out`]: [T, 8],
        [`layer${i}.residual1`]: [T, 8],
        [`layer${i}.norm2`]: [T, 8],
        [`layer${i}.mlp_hidden`]: [T, 16],
        [`layer${i}.out`]: [T, 8],
      });
    }
    expect([...npz.keys()].sort()).toEqual(Object.keys(expected).sort());
    for (const [key, shape] of Object.entries(expected)) {
      expect(npz.get(key)!.shape, key).toEqual(shape);
      expect(npz.get(key)!.descr).toBe('<f4');
    }
    for (const [key, matrix] of traceArrays(trace)) expect(npz.get(key)!.data).toEqual(matrix.data);
  });

  it("a partial trace writes its recorded layers' keys and recorded_layers; a full trace has no recorded_layers", async () => {
    const vit = randomCanonicalVit({ hiddenSize: 8, numLayers: 3, numHeads: 2, intermediateSize: 16, imageSize: 8, patchSize: 4, numClasses: 3 });
    const files = writeCheckpoint(vit, 'huggingface-vit');
    const config = parseVitConfig(files.config);
    const model = createVitModel(config, mapWeights(readSafetensors(files.safetensors), config).weights);
    const input = randomInput(vit);
    const full = await runTrace(model, input);
    const partial = await runTrace(model, input, { recordLayers: [1] });
    disposeVitModel(model);
    const fullNpz = decodeNpz(encodeTraceNpz(full));
    expect([...fullNpz.keys()]).not.toContain('recorded_layers');
    const npz = decodeNpz(encodeTraceNpz(partial));
    expect(Array.from(npz.get('recorded_layers')!.data)).toEqual([1]);
    expect([...npz.keys()].filter((k) => k.startsWith('layer0.') || k.startsWith('layer2.'))).toEqual([]);
    expect(npz.get('layer1.attn')!.shape).toEqual(fullNpz.get('layer1.attn')!.shape);
    expect(Array.from(npz.get('layer1.attn')!.data)).toEqual(Array.from(fullNpz.get('layer1.attn')!.data));
    expect(Array.from(npz.get('logits')!.data)).toEqual(Array.from(fullNpz.get('logits')!.data));
  });
});
