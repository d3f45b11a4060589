/**
 * Calibration: the first time a model of a given size runs with no backend chosen by the user, a
 * short timed pass (one encoder layer of that size, made of random numbers) on each candidate
 * backend, run in the engine; the page remembers the timings per device and model size
 * (calibrationStore.ts), so the next visit starts on the winner at once.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from './backendName';
import { seededRandom } from '../model/seededRandom';

export { deviceKey, readCalibration, sizeKey, writeCalibration, type ModelSize, type Timings } from './calibrationStore';
import type { ModelSize, Timings } from './calibrationStore';

/** One encoder layer of this size on the current backend: QKV, every head's attention, output projection, MLP. */
function layerPass(x: tf.Tensor2D, w: tf.Tensor2D[], size: ModelSize): tf.Tensor2D {
  const { tokens: T, hidden: D, heads: h } = size;
  const d = D / h;
  return tf.tidy(() => {
    const [wqkv, wo, w1, w2] = w as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    const qkv = tf.transpose(tf.reshape(tf.matMul(x, wqkv), [T, 3, h, d]), [1, 2, 0, 3]);
    const [q, k, v] = tf.unstack(qkv) as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
    const attn = tf.softmax(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(d)));
    const context = tf.reshape(tf.transpose(tf.matMul(attn, v), [1, 0, 2]), [T, D]);
    const r = tf.add(x, tf.matMul(context, wo));
    const hidden = tf.relu(tf.matMul(r, w1));
    return tf.add(r, tf.matMul(hidden, w2));
  });
}

/**
 * Milliseconds a full pass of this size takes on the current backend, estimated from one layer:
 * one warm-up (shader compilation, kernel start-up), then the fastest of `repeats` timed runs.
 */
export async function timeOnePass(size: ModelSize, repeats = 2): Promise<number> {
  const { tokens: T, hidden: D, mlp } = size;
  // seeded uniform numbers of a layer's scale (tf.randomNormal would bring its random library into the first view)
  const rand = seededRandom(1);
  const matrix = (rows: number, cols: number) =>
    tf.tensor2d(
      Float32Array.from({ length: rows * cols }, () => (rand() * 2 - 1) / Math.sqrt(rows)),
      [rows, cols],
    );
  const x = matrix(T, D);
  const w = [matrix(D, 3 * D), matrix(D, D), matrix(D, mlp), matrix(mlp, D)];
  try {
    let best = Infinity;
    for (let i = 0; i <= repeats; i++) {
      const start = performance.now();
      const out = layerPass(x, w, size);
      await out.data();
      out.dispose();
      if (i > 0) best = Math.min(best, performance.now() - start);
    }
    return best * size.layers;
  } finally {
    tf.dispose([x, ...w]);
  }
}

/** Times each candidate (started by `start`, which returns false when one cannot start). */
export async function calibrate(
  candidates: readonly BackendName[],
  size: ModelSize,
  start: (name: BackendName) => Promise<boolean>,
  time: (size: ModelSize) => Promise<number> = timeOnePass,
): Promise<Timings> {
  const timings: Timings = {};
  for (const name of candidates) {
    if (!(await start(name))) continue;
    try {
      timings[name] = await time(size);
    } catch {
      // a backend that fails its pass is not a candidate
    }
  }
  return timings;
}
