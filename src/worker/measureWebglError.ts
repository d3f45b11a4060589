/**
 * How far WebGL in 16-bit floats moves attention: every layer's attention on a fixed input, on WebGL
 * and on float32 in plain JavaScript (itself within 1e-5 of the float64 reference: forward.test.ts).
 * Runs in the engine; the page remembers the result per device (precisionStore.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { runTrace } from '../model/forward';
import type { LoadedVit } from '../model/loadVit';
import { seededRandom } from '../model/seededRandom';
import { disposeVitModel, type VitModel } from '../model/vitModel';
import { maxAttentionDifference } from '../platform/precision';

/** Attention of every layer on a fixed input (a seeded pattern in the model's input range). */
async function attentionOf(model: VitModel): Promise<Float32Array[]> {
  const { numChannels, imageSize } = model.config;
  const rand = seededRandom(7);
  const input = Float32Array.from({ length: numChannels * imageSize * imageSize }, () => rand() * 2 - 1);
  const trace = await runTrace(model, input);
  return trace.layers.map((l) => l.attn.data);
}

/** `model` runs on WebGL now; `build` makes the same model again (built here on the CPU). */
export async function measureWebglError(model: VitModel, build: () => Promise<LoadedVit>): Promise<number> {
  const onWebgl = await attentionOf(model);
  await import('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend('cpu');
  try {
    const onCpu = await build();
    try {
      return maxAttentionDifference(onWebgl, await attentionOf(onCpu.model));
    } finally {
      disposeVitModel(onCpu.model);
    }
  } finally {
    await tf.setBackend('webgl');
  }
}
