/**
 * The gradient of one class's logit with respect to every layer's attention weights, by tfjs's
 * automatic differentiation through the tensor pass (tensorForward.ts): what class-specific maps
 * (Chefer et al. 2021) weight the attention with.
 */
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core ships its gradients separately; the union package @tensorflow/tfjs would register them
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { vitSizes } from './config';
import { tensorPass } from './tensorForward';
import type { VitModel } from './vitModel';
import { BATCHED, type KernelPlan } from './kernelPlan';

export interface AttentionGradients {
  /** per layer, [h, T, T]: the attention weights */
  attention: Float32Array[];
  /** per layer, [h, T, T]: ∂ logit[classIndex] / ∂ attention */
  gradients: Float32Array[];
  /** the class's logit */
  logit: number;
}

export async function attentionGradients(
  model: VitModel,
  input: Float32Array,
  classIndex: number,
  plan?: KernelPlan,
): Promise<AttentionGradients> {
  if (!model.classifier) throw new Error('this model has no classifier, so there is no class to explain');
  if (classIndex < 0 || classIndex >= model.numClasses)
    throw new RangeError(`class ${classIndex} is outside 0…${model.numClasses - 1}`);
  const { config } = model;
  const { numTokens: T } = vitSizes(config);
  const recorded = tf.tidy(() => {
    const offsets = model.layers.map(() => tf.zeros([config.numHeads, T, T]) as tf.Tensor3D);
    let attention: tf.Tensor[] = [];
    let logit: tf.Tensor | null = null;
    const classLogit = (...zeros: tf.Tensor[]) => {
      // batched kernels by default: on wasm the per-head plan's backward pass (gathers) stalls the page
      const pass = tensorPass(model, input, { attentionOffsets: zeros as tf.Tensor3D[], plan: plan ?? BATCHED });
      attention = pass.attention.map((a) => tf.keep(a));
      logit = tf.keep(tf.reshape(tf.slice(pass.logits!, [0, classIndex], [1, 1]), []));
      return logit as tf.Scalar;
    };
    const gradients = tf.grads(classLogit)(offsets);
    return [logit!, ...attention, ...gradients];
  });
  try {
    const arrays = (await Promise.all(recorded.map((t) => t.data()))) as Float32Array[];
    const L = model.layers.length;
    return { logit: arrays[0]![0]!, attention: arrays.slice(1, 1 + L), gradients: arrays.slice(1 + L) };
  } finally {
    tf.dispose(recorded);
  }
}
