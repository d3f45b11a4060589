import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startVitKernels, vitKernelsActive } from '../wasmKernels/tfjsKernels';

/** Runs the describe block's tests on `backend` (with ViT Lens's kernels on wasm), then returns to cpu. */
export function onBackend(backend: 'cpu' | 'wasm'): void {
  beforeAll(async () => {
    await tf.setBackend(backend);
    if (backend === 'wasm') {
      await startVitKernels();
      expect(vitKernelsActive()).toBe(true);
    }
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });
}
