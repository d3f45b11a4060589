/**
 * The forward pass as plain tensors, recording nothing: what the analyses
 * that re-run the model need (head ablation, deletion curves, attention over a gallery) and what
 * tfjs can differentiate (class-specific maps). Call inside tf.tidy or tf.grads; the traced pass
 * for viewing is forward.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { vitSizes } from './config';
import { kernelPlanFor, type KernelPlan } from './kernelPlan';
import { checkInput, classify, embed, layerNorm, linear, mlpHiddenLayer } from './ops';
import { blockAttention, maskHeads, type HeadMask } from './attentionOps';
import type { VitModel } from './vitModel';
import { betweenLayers } from './betweenLayers';

export interface TensorPassOptions {
  headMask?: HeadMask;
  /**
   * Added to each layer's attention weights after the softmax ([h, T, T]). Zeros change nothing,
   * and the gradient of the output with respect to them is the gradient with respect to the weights.
   */
  attentionOffsets?: tf.Tensor3D[];
  /** return each layer's attention (default); without it, each layer's intermediates are freed as it ends */
  recordAttention?: boolean;
  /** the kernel layout (kernelPlan.ts); by default the best for the current backend */
  plan?: KernelPlan;
}

export interface TensorPass {
  /** [1, C]; null without a classifier */
  logits: tf.Tensor2D | null;
  /** per layer, [h, T, T]; empty when recordAttention is false */
  attention: tf.Tensor3D[];
}

/** The plan a pass runs with: ViT Lens's own kernels have no gradients, so a pass to differentiate uses tfjs's ops. */
export function passPlan(differentiable: boolean, plan?: KernelPlan): KernelPlan {
  const chosen = plan ?? kernelPlanFor(tf.getBackend());
  return differentiable && chosen.fusedKernels ? { ...chosen, fusedKernels: false } : chosen;
}

/** The attention half of encoder block l on the tokens x ([T, D]): x + attention, and the attention [h, T, T] (offset added when given). */
export function tensorAttentionHalf(
  model: VitModel,
  l: number,
  x: tf.Tensor2D,
  plan: KernelPlan,
  offset?: tf.Tensor3D,
  headMask?: HeadMask,
): { residual1: tf.Tensor2D; attn: tf.Tensor3D } {
  const { config } = model;
  const { headDim: d } = vitSizes(config);
  const h = config.numHeads;
  const layer = model.layers[l]!;
  const norm1 = layerNorm(x, layer.norm1, config.layerNormEps, plan, true);
  const a = blockAttention(norm1, layer, h, d, plan, offset);
  const residual1 = projectHeads(model, l, a.merged, x, plan, headMask);
  return { residual1, attn: (a.attn.length === 1 ? a.attn[0]! : tf.stack(a.attn)) as tf.Tensor3D };
}

/** x + the output projection of the heads' outputs side by side (merged, the heads the mask switches off zeroed). */
export function projectHeads(model: VitModel, l: number, merged: tf.Tensor2D, x: tf.Tensor2D, plan: KernelPlan, headMask?: HeadMask) {
  const h = model.config.numHeads;
  return linear(
    maskHeads(merged, headMask, l, h, vitSizes(model.config).headDim),
    model.layers[l]!.attnOutput,
    { residual: x },
    plan,
  );
}

/** The MLP half of encoder block l: residual1 + MLP(LN(residual1)), the block's output [T, D]. */
export function tensorMlpHalf(model: VitModel, l: number, residual1: tf.Tensor2D, plan: KernelPlan): tf.Tensor2D {
  const { config } = model;
  const layer = model.layers[l]!;
  const hidden = mlpHiddenLayer(layerNorm(residual1, layer.norm2, config.layerNormEps, plan, true), layer, config.activation, plan);
  return linear(hidden, layer.fc2, { residual: residual1 }, plan);
}

/** One encoder block on the tokens x ([T, D]): its output and its attention [h, T, T], offset added when given. */
export function tensorBlock(...args: Parameters<typeof tensorAttentionHalf>): { out: tf.Tensor2D; attn: tf.Tensor3D } {
  const [model, l, , plan] = args;
  const { residual1, attn } = tensorAttentionHalf(...args);
  return { out: tensorMlpHalf(model, l, residual1, plan), attn };
}

/** After the last block: final norm, pooling, classifier. [1, C]; null without a classifier. */
export function tensorHead(model: VitModel, x: tf.Tensor2D, plan: KernelPlan): tf.Tensor2D | null {
  const { config } = model;
  const finalNorm = layerNorm(x, model.finalNorm, config.layerNormEps, plan);
  const pooled = config.pooling === 'cls' ? tf.slice(finalNorm, [0, 0], [1, config.hiddenSize]) : tf.mean(finalNorm, 0, true);
  return classify(model, finalNorm, pooled as tf.Tensor2D, plan);
}

/** Runs one preprocessed image ([C, H, W]) through the model with the same operations as runTrace. */
export function tensorPass(model: VitModel, input: Float32Array, options: TensorPassOptions = {}): TensorPass {
  checkInput(model.config, input);
  const plan = passPlan(options.attentionOffsets !== undefined, options.plan);
  let x = embed(model, input, plan).embeddings;

  const weights: tf.Tensor3D[] = [];
  const record = options.recordAttention ?? true;
  model.layers.forEach((_, l) => {
    // the block's output, then its attention [h, T, T] when recorded
    const block = (): tf.Tensor[] => {
      const { out, attn } = tensorBlock(model, l, x, plan, options.attentionOffsets?.[l], options.headMask);
      return record ? [out, attn] : [out];
    };
    // under tf.grads every intermediate must live until the backward pass: no inner tidy there
    const [next, attn] = options.attentionOffsets ? block() : tf.tidy(block);
    x = next as tf.Tensor2D;
    if (attn) weights.push(attn as tf.Tensor3D);
  });
  return { logits: tensorHead(model, x, plan), attention: weights };
}

/**
 * The tensor pass one layer at a time, pausing between layers (betweenLayers) so that a cancel
 * stops it there: the logits [1, C] (or null) and, when recorded, each layer's attention. The
 * caller disposes the returned tensors; on a cancel nothing is left behind.
 */
export async function tensorPassByLayer(
  model: VitModel,
  input: Float32Array,
  options: Omit<TensorPassOptions, 'attentionOffsets'> & { signal?: AbortSignal } = {},
): Promise<TensorPass> {
  checkInput(model.config, input);
  const plan = passPlan(false, options.plan);
  const record = options.recordAttention ?? true;
  const attention: tf.Tensor3D[] = [];
  let x: tf.Tensor2D = tf.tidy(() => embed(model, input, plan).embeddings);
  try {
    for (let l = 0; l < model.layers.length; l++) {
      await betweenLayers(options.signal);
      const previous = x;
      const [out, attn] = tf.tidy(() => {
        const b = tensorBlock(model, l, previous, plan, undefined, options.headMask);
        return record ? [b.out, b.attn] : [b.out];
      }) as [tf.Tensor2D, tf.Tensor3D?];
      previous.dispose();
      x = out;
      if (attn) attention.push(attn);
    }
    const last = x;
    const logits = model.classifier ? tf.tidy(() => tensorHead(model, last, plan)!) : null;
    return { logits, attention };
  } catch (e) {
    tf.dispose(attention);
    throw e;
  } finally {
    x.dispose();
  }
}

/** Each layer's attention weights ([h, T, T]) for one preprocessed image. */
export async function runAttention(
  model: VitModel,
  input: Float32Array,
  plan?: KernelPlan,
  signal?: AbortSignal,
): Promise<Float32Array[]> {
  const pass = await tensorPassByLayer(model, input, { plan, signal });
  pass.logits?.dispose();
  const attention = pass.attention;
  try {
    return (await Promise.all(attention.map((a) => a.data()))) as Float32Array[];
  } finally {
    tf.dispose(attention);
  }
}

/** One pass on one preprocessed image: its logits ([C], null without a classifier) and each layer's attention ([h, T, T]). */
export async function runLogitsAndAttention(
  model: VitModel,
  input: Float32Array,
  options: { headMask?: HeadMask; plan?: KernelPlan; signal?: AbortSignal } = {},
): Promise<{ logits: Float32Array | null; attention: Float32Array[] }> {
  const pass = await tensorPassByLayer(model, input, { ...options, recordAttention: true });
  try {
    const [logits, ...attention] = (await Promise.all([pass.logits?.data() ?? null, ...pass.attention.map((a) => a.data())])) as [
      Float32Array | null,
      ...Float32Array[],
    ];
    return { logits, attention };
  } finally {
    pass.logits?.dispose();
    tf.dispose(pass.attention);
  }
}
