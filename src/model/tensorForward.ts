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
import type { EncoderLayerTensors, VitModel } from './vitModel';
import { betweenLayers } from './betweenLayers';
import { vitKernelsActive } from './wasmKernels/tfjsKernels';
import { fusedAttentionMerged } from './wasmKernels/fusedOps';
import type { SharedPrefix } from './sharedPrefix';

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
function projectHeads(model: VitModel, l: number, merged: tf.Tensor2D, x: tf.Tensor2D, plan: KernelPlan, headMask?: HeadMask) {
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

/**
 * What the logits need of block l's attention, for a batch of images' normalised tokens norm1
 * ([B·T, D], image b at rows b·T…): the heads' outputs side by side [B·T, D]. On the FUSED plan one
 * kernel for the whole batch that keeps no score matrix; elsewhere each image in turn.
 */
function batchAttentionMerged(norm1: tf.Tensor2D, layer: EncoderLayerTensors, batch: number, model: VitModel, plan: KernelPlan) {
  const h = model.config.numHeads;
  const { headDim: d, numTokens: T } = vitSizes(model.config);
  // layer 0's Q/K/V, shared by a batch's images (sharedPrefix.ts), comes in computed
  if (norm1.shape[1] === 3 * model.config.hiddenSize) return fusedAttentionMerged(norm1, h, batch);
  if (plan.fusedKernels && vitKernelsActive()) return fusedAttentionMerged(linear(norm1, layer.qkv, {}, plan), h, batch);
  if (batch === 1) return blockAttention(norm1, layer, h, d, plan).merged;
  const D = model.config.hiddenSize;
  const images = Array.from({ length: batch }, (_, b) => tf.slice(norm1, [b * T, 0], [T, D]) as tf.Tensor2D);
  return tf.concat(images.map((image) => blockAttention(image, layer, h, d, plan).merged)) as tf.Tensor2D;
}

/**
 * Encoder block l on a batch of images' tokens x ([B·T, D]): the block's output, recording nothing.
 * norm1: its LayerNorm of x (or Q/K/V) when already computed. headRows: only the first rows of each
 * image come out ([B·headRows, D]), what the classifier reads of the last block.
 */
function batchBlock(
  model: VitModel,
  l: number,
  x: tf.Tensor2D,
  batch: number,
  plan: KernelPlan,
  headMask?: HeadMask,
  norm1?: tf.Tensor2D,
  headRows?: number,
): tf.Tensor2D {
  const layer = model.layers[l]!;
  let merged = batchAttentionMerged(
    norm1 ?? layerNorm(x, layer.norm1, model.config.layerNormEps, plan),
    layer,
    batch,
    model,
    plan,
  );
  if (headRows !== undefined) {
    const T = vitSizes(model.config).numTokens;
    const rows = Int32Array.from({ length: batch * headRows }, (_, i) => Math.floor(i / headRows) * T + (i % headRows));
    [merged, x] = [tf.gather(merged, rows), tf.gather(x, rows)];
  }
  return tensorMlpHalf(model, l, projectHeads(model, l, merged, x, plan, headMask), plan);
}

/** The rows of each image the classifier reads: [CLS] (and DeiT's distillation token); every row under mean pooling. */
function classifierRows(model: VitModel): number {
  if (model.config.pooling !== 'cls') return vitSizes(model.config).numTokens;
  return model.distillationClassifier ? 2 : 1;
}

/**
 * The logits [B, C] of a batch of preprocessed images in one pass: every dense layer sees the B·T
 * rows of all of them at once (bigger, better-threaded matrix products), attention runs per image,
 * nothing is recorded, and the last block computes only the rows the classifier reads. With
 * `prefix`, the images' rows up to layer 0's attention come from its tables (sharedPrefix.ts;
 * `images`: the inputs' indices there). Pauses between layers (betweenLayers) so that a cancel
 * stops it there; on a cancel nothing is left behind.
 */
export async function batchLogitsByLayer(
  model: VitModel,
  inputs: Float32Array[],
  options: {
    headMask?: HeadMask;
    plan?: KernelPlan;
    signal?: AbortSignal;
    prefix?: { shared: SharedPrefix; images: number[] };
    allRows?: boolean;
  } = {},
): Promise<tf.Tensor2D> {
  inputs.forEach((input) => checkInput(model.config, input));
  const plan = passPlan(false, options.plan);
  const batch = inputs.length;
  const L = model.layers.length;
  const R = options.allRows ? vitSizes(model.config).numTokens : classifierRows(model);
  const { numTokens: T } = vitSizes(model.config);
  const shared = options.prefix && (await import('./sharedPrefix')).gatherPrefix(options.prefix.shared, options.prefix.images);
  let x = shared?.x ?? tf.tidy(() => tf.concat(inputs.map((input) => embed(model, input, plan).embeddings)) as tf.Tensor2D);
  try {
    for (let l = 0; l < L; l++) {
      await betweenLayers(options.signal);
      const previous = x;
      const norm1 = l === 0 ? shared?.layer0 : undefined;
      x = tf.tidy(() =>
        batchBlock(model, l, previous, batch, plan, options.headMask, norm1, l === L - 1 && R < T ? R : undefined),
      );
      previous.dispose();
      norm1?.dispose();
    }
    const last = x;
    return tf.tidy(() => {
      const rows = Math.min(R, T);
      const D = model.config.hiddenSize;
      const image = (b: number) => (batch === 1 ? last : (tf.slice(last, [b * rows, 0], [rows, D]) as tf.Tensor2D));
      return tf.concat(inputs.map((_, b) => tensorHead(model, image(b), plan)!)) as tf.Tensor2D;
    });
  } catch (e) {
    shared?.layer0.dispose();
    throw e;
  } finally {
    x.dispose();
  }
}

export interface BatchOptions {
  headMask?: HeadMask;
  plan?: KernelPlan;
  /** images per pass; by default about 1,024 token rows (see defaultBatchSize) */
  batchSize?: number;
  /** called after each batch with the number of images done */
  onProgress?: (done: number) => void;
  /** checked between the layers of every pass */
  signal?: AbortSignal;
  /** every row of every image through every layer, nothing shared: what the pass did before (the bench's "before") */
  allRows?: boolean;
}

/** Token rows a batched pass aims at: enough for the matrix products to run near their best; more gains little. */
const BATCH_ROWS = 1024;

/**
 * Images per batched pass: about BATCH_ROWS token rows (a ViT-B/16 image has 197: 5 per batch), at
 * least 1 and at most 16. Memory grows with it: the MLP's [B·T, M] activations (ViT-B: 12 MB).
 */
export function defaultBatchSize(config: VitModel['config']): number {
  return Math.max(1, Math.min(16, Math.floor(BATCH_ROWS / vitSizes(config).numTokens)));
}

/**
 * The logits ([C] each) of many preprocessed images ([C, H, W] each), several images to a pass; the
 * rows that images share up to layer 0's attention (masked copies of one image) computed once.
 */
export async function runLogits(model: VitModel, inputs: Float32Array[], options: BatchOptions = {}): Promise<Float32Array[]> {
  if (!model.classifier) throw new Error('this model has no classifier, so there are no logits to compare');
  const batchSize = options.batchSize ?? defaultBatchSize(model.config);
  inputs.forEach((input) => checkInput(model.config, input));
  const { sharedPrefix, disposeSharedPrefix } = inputs.length > 1 && !options.allRows ? await import('./sharedPrefix') : {};
  const shared = sharedPrefix?.(model, inputs, passPlan(false, options.plan)) ?? null;
  const out: Float32Array[] = [];
  try {
    for (let start = 0; start < inputs.length; start += batchSize) {
      options.signal?.throwIfAborted();
      const batch = inputs.slice(start, start + batchSize);
      const prefix = shared ? { shared, images: batch.map((_, b) => start + b) } : undefined;
      const logits = await batchLogitsByLayer(model, batch, { ...options, prefix });
      const data = (await logits.data()) as Float32Array;
      logits.dispose();
      const C = data.length / batch.length;
      out.push(...batch.map((_, b) => data.slice(b * C, (b + 1) * C)));
      options.onProgress?.(out.length);
    }
  } finally {
    disposeSharedPrefix?.(shared);
  }
  return out;
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
