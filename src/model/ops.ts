/** The tensor operations a ViT is made of, shared by the traced pass (forward.ts) and the tensor pass (tensorForward.ts). */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from './config';
import type { DenseTensors, LayerNormTensors } from './vitModel';

export function linear(x: tf.Tensor2D, dense: DenseTensors): tf.Tensor2D {
  return tf.add(tf.matMul(x, dense.w), dense.b);
}

/** LayerNorm over the last axis, for a tensor of any rank. */
export function layerNorm<R extends tf.Rank>(x: tf.Tensor<R>, ln: LayerNormTensors, eps: number): tf.Tensor<R> {
  const { mean, variance } = tf.moments(x, -1, true);
  const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps)));
  return tf.add(tf.mul(normalised, ln.gamma), ln.beta);
}

export function activate<R extends tf.Rank>(x: tf.Tensor<R>, activation: Activation): tf.Tensor<R> {
  if (activation === 'relu') return tf.relu(x);
  if (activation === 'gelu') return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
  // tanh approximation: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
  const inner = tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), Math.sqrt(2 / Math.PI));
  return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.tanh(inner)));
}

/** Cuts [C, H, W] into patches and flattens each to C·P·P values: [N, C·P·P]. */
export function patchify(image: tf.Tensor3D, patchSize: number): tf.Tensor2D {
  const [C, H, W] = image.shape;
  const gh = H / patchSize;
  const gw = W / patchSize;
  const blocks = tf.reshape(image, [C, gh, patchSize, gw, patchSize]);
  return tf.reshape(tf.transpose(blocks, [1, 3, 0, 2, 4]), [gh * gw, C * patchSize * patchSize]);
}

/**
 * Which heads run, per layer: headMask[layer][head] is 1 (on) or 0 (off). A head switched off
 * contributes nothing: its context (attention · V) is zeroed before the output projection.
 */
export type HeadMask = readonly (readonly number[])[];

/** The mask of one layer as a tensor that broadcasts over [.., h, T, d], or null when every head is on. */
export function layerHeadMask(mask: HeadMask | undefined, layer: number, numHeads: number): tf.Tensor | null {
  const row = mask?.[layer];
  if (!row || row.every((m) => m === 1)) return null;
  if (row.length !== numHeads)
    throw new Error(`head mask of layer ${layer} has ${row.length} entries; the model has ${numHeads} heads`);
  return tf.tensor(row, [numHeads, 1, 1]);
}
