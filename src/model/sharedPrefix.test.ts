/**
 * The rows images share before layer 0's attention: each distinct (position, patch) once, and a
 * batch's rows gathered from the tables equal each image's own embedding and layer-0 Q/K/V.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { BATCHED, FUSED } from './kernelPlan';
import { embed, layerNorm, linear } from './ops';
import { disposeSharedPrefix, distinctPatches, gatherPrefix, sharedPrefix } from './sharedPrefix';
import { disposeVitModel } from './vitModel';
import { randomInput } from './testing/randomCheckpoint';
import { loadRandomVit, maxRelativeError, SMALL_VIT } from './testing/loadRandomVit';
import { onBackend } from './testing/onBackend';
import { maskedCopy } from './testing/maskedCopy';

describe('distinct patches', () => {
  it('keeps each distinct patch of a position once and points every image at it', () => {
    // three images of two patches, two values each: patch 0 is shared by images 0 and 2, patch 1 by 0 and 1
    const images = [new Float32Array([1, 2, 3, 4]), new Float32Array([0, 0, 3, 4]), new Float32Array([1, 2, 0, 0])];
    const { patches, positions, indices } = distinctPatches(images, 2, 2);
    expect(positions).toEqual([0, 1, 0, 1]);
    expect(Array.from(patches)).toEqual([1, 2, 3, 4, 0, 0, 0, 0]);
    expect(indices.map((i) => Array.from(i))).toEqual([
      [0, 1],
      [2, 1],
      [0, 3],
    ]);
  });
});

describe.each([
  ['FUSED (wasm kernels)', FUSED, 'wasm'],
  ['BATCHED (cpu)', BATCHED, 'cpu'],
] as const)('the shared prefix, %s', (_, plan, backend) => {
  onBackend(backend);

  it('masked copies share their rows: the table holds the prefix, the patches and one blank per masked position, and gathers each image’s own rows', async () => {
    const { vit, model } = await loadRandomVit({ ...SMALL_VIT, seed: 61 });
    try {
      const { numChannels: C, imageSize: S, patchSize: P } = model.config;
      const input = randomInput(vit, 7);
      // image i masks patches 0…i−1 (the 16 patches, and blanks at positions 0…4)
      const inputs = Array.from({ length: 6 }, (_, i) => maskedCopy(input, C, S, P, (patch) => patch < i));
      const before = tf.memory().numTensors;
      const shared = sharedPrefix(model, inputs, plan)!;
      expect(shared.embeddings.shape[0]).toBe(1 + 16 + 5);
      const { x, layer0 } = gatherPrefix(shared, [5, 2]);
      const want = tf.tidy(() => {
        const embeddings = tf.concat([5, 2].map((i) => embed(model, inputs[i]!, plan).embeddings)) as tf.Tensor2D;
        const norm1 = layerNorm(embeddings, model.layers[0]!.norm1, model.config.layerNormEps, plan);
        return [embeddings, plan.fusedKernels ? linear(norm1, model.layers[0]!.qkv, {}, plan) : norm1];
      });
      expect(layer0.shape).toEqual(want[1]!.shape);
      expect(maxRelativeError(x.dataSync(), want[0]!.dataSync())).toBeLessThanOrEqual(1e-6);
      expect(maxRelativeError(layer0.dataSync(), want[1]!.dataSync())).toBeLessThanOrEqual(1e-6);
      tf.dispose([x, layer0, ...want]);
      disposeSharedPrefix(shared);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      disposeVitModel(model);
    }
  });

  it('images that share little (distinct photos) get no table', async () => {
    const { vit, model } = await loadRandomVit({ ...SMALL_VIT, seed: 62 });
    try {
      expect(sharedPrefix(model, [randomInput(vit, 1), randomInput(vit, 2)], plan)).toBeNull();
    } finally {
      disposeVitModel(model);
    }
  });
});
