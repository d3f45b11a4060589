/**
 * The gradient of one class's logit with respect to every layer's attention weights: what
 * class-specific maps (Chefer et al. 2021) weight the attention with. On wasm with ViT Lens's
 * kernels, an explicit backward pass on kernels of its own (backward/fusedGradients.ts); elsewhere
 * tfjs's automatic differentiation through the tensor pass (tensorForward.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core ships its gradients separately; the union package @tensorflow/tfjs would register them
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { vitSizes } from './config';
import { passPlan, tensorAttentionHalf, tensorHead, tensorMlpHalf } from './tensorForward';
import { checkInput, embed } from './ops';
import { betweenLayers } from './betweenLayers';
import type { VitModel } from './vitModel';
import { BATCHED, kernelPlanFor, type KernelPlan } from './kernelPlan';
import type { Activation } from './config';
import { vitKernelsActive } from './wasmKernels/tfjsKernels';

export interface AttentionGradients {
  /** per layer, [h, T, T]: the attention weights */
  attention: Float32Array[];
  /** per layer, [h, T, T]: ∂ logit[classIndex] / ∂ attention */
  gradients: Float32Array[];
  /** the class's logit */
  logit: number;
}

/** The activations backwardKernels.c differentiates (CLIP's quick_gelu stays on tfjs's gradients). */
const BACKWARD_ACTIVATIONS: readonly Activation[] = ['gelu', 'gelu_tanh', 'relu'];

/**
 * Whether the explicit backward pass on ViT Lens's wasm kernels (backward/fusedGradients.ts) runs
 * this model on this plan: the FUSED plan with the kernels running, every encoder layer's dense
 * weights packed, no SwiGLU gate, an activation the kernels differentiate.
 */
export function fusedBackwardFits(model: VitModel, plan?: KernelPlan): boolean {
  const chosen = plan ?? kernelPlanFor(tf.getBackend());
  if (!chosen.fusedKernels || !vitKernelsActive() || !BACKWARD_ACTIVATIONS.includes(model.config.activation)) return false;
  return model.layers.every((l) => !l.fc1Gate && [l.qkv, l.attnOutput, l.fc1, l.fc2].every((dense) => dense.packed));
}

/**
 * The explicit backward pass on ViT Lens's kernels where it fits (fusedBackwardFits; its code and
 * kernels load with the first class map), else tfjs's automatic differentiation (tfjsAttentionGradients).
 * By default (no plan) the best for the backend: FUSED on wasm with the kernels.
 */
export async function attentionGradients(
  model: VitModel,
  input: Float32Array,
  classIndex: number,
  plan?: KernelPlan,
  signal?: AbortSignal,
  /** the share done, after each layer (or half block) forward and backward */
  onProgress?: (fraction: number) => void,
): Promise<AttentionGradients> {
  checkClass(model, classIndex);
  checkInput(model.config, input);
  if (!fusedBackwardFits(model, plan)) return tfjsAttentionGradients(model, input, classIndex, plan, signal, onProgress);
  const { fusedAttentionGradients } = await import('./backward/fusedGradients');
  return fusedAttentionGradients(model, input, classIndex, signal, onProgress);
}

function checkClass(model: VitModel, classIndex: number): void {
  if (!model.classifier) throw new Error('this model has no classifier, so there is no class to explain');
  if (classIndex < 0 || classIndex >= model.numClasses)
    throw new RangeError(`class ${classIndex} is outside 0…${model.numClasses - 1}`);
}

/**
 * By tfjs's gradients, layer by layer, so that a cancel stops it between layers and the page (or
 * the worker's messages) is served in between: a forward pass that keeps the input of each half
 * block (attention, MLP), then the backward pass one half block at a time, each re-run under
 * tf.grads with the gradient from above (checkpointing: one more forward pass, and only one half
 * block's intermediates alive).
 */
export async function tfjsAttentionGradients(
  model: VitModel,
  input: Float32Array,
  classIndex: number,
  plan?: KernelPlan,
  signal?: AbortSignal,
  /** the share done, after each half block forward and backward */
  onProgress?: (fraction: number) => void,
): Promise<AttentionGradients> {
  checkClass(model, classIndex);
  const { config } = model;
  const { numTokens: T } = vitSizes(config);
  const L = model.layers.length;
  checkInput(config, input);
  // batched kernels by default: on wasm the per-head plan's backward pass (gathers) stalls the page
  const used = passPlan(true, plan ?? BATCHED);
  const steps = 4 * L + 1;
  let done = 0;
  const step = async () => {
    await betweenLayers(signal);
    if (done > 0) onProgress?.(done / steps);
    done++;
  };
  const held: tf.Tensor[] = [];
  const hold = <T extends tf.Tensor>(t: T): T => {
    held.push(t);
    return t;
  };
  try {
    // forward: the input of each half block (the block's input, then its residual after attention)
    const halves: tf.Tensor2D[] = [hold(tf.tidy(() => embed(model, input, used).embeddings))];
    for (let l = 0; l < L; l++) {
      await step();
      const x = halves[2 * l]!;
      halves.push(hold(tf.tidy(() => tensorAttentionHalf(model, l, x, used).residual1)));
      await step();
      const residual1 = halves[2 * l + 1]!;
      halves.push(hold(tf.tidy(() => tensorMlpHalf(model, l, residual1, used))));
    }
    await step();
    const top = halves[2 * L]!;
    const { value, grad } = tf.tidy(() =>
      tf.valueAndGrad((x: tf.Tensor) =>
        tf.reshape(tf.slice(tensorHead(model, x as tf.Tensor2D, used)!, [0, classIndex], [1, 1]), []),
      )(top),
    );
    hold(value);
    let dy: tf.Tensor = hold(grad);
    const attention: tf.Tensor[] = new Array(L);
    const gradients: tf.Tensor[] = new Array(L);
    // backward, half a block at a time, each re-run under tf.grads with the gradient from above
    for (let l = L - 1; l >= 0; l--) {
      await step();
      const residual1 = halves[2 * l + 1]!;
      const fromMlp = dy;
      dy = hold(tf.tidy(() => tf.grad((r: tf.Tensor) => tensorMlpHalf(model, l, r as tf.Tensor2D, used))(residual1, fromMlp)));
      await step();
      const x = halves[2 * l]!;
      const upstream = dy;
      const [dx, dOffset, attn] = tf.tidy(() => {
        let attn: tf.Tensor | null = null;
        const offset = tf.zeros([config.numHeads, T, T]);
        const [dx, dOffset] = tf.grads((xs: tf.Tensor, zeros: tf.Tensor) => {
          const a = tensorAttentionHalf(model, l, xs as tf.Tensor2D, used, zeros as tf.Tensor3D);
          attn = tf.keep(a.attn);
          return a.residual1;
        })([x, offset], upstream);
        return [dx!, dOffset!, attn!];
      });
      gradients[l] = hold(dOffset);
      attention[l] = hold(attn);
      dy = hold(dx);
    }
    const arrays = (await Promise.all([value, ...attention, ...gradients].map((t) => t.data()))) as Float32Array[];
    return { logit: arrays[0]![0]!, attention: arrays.slice(1, 1 + L), gradients: arrays.slice(1 + L) };
  } finally {
    tf.dispose(held);
  }
}
