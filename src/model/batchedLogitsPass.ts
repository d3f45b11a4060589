/**
 * Logits for many images at once (the analyses' re-runs: deletion curves, a gallery): batches of about
 * 1,024 token rows through the tensor pass's layers, with the shared prefix and the last block on the
 * classifier's rows only where that is provably the same; each image's logits equal its own pass's.
 */
import * as tf from '@tensorflow/tfjs-core';
import { vitSizes } from './config';
import type { KernelPlan } from './kernelPlan';
import { checkInput, embed, layerNorm, linear } from './ops';
import { blockAttention, type HeadMask } from './attentionOps';
import type { EncoderLayerTensors, VitModel } from './vitModel';
import { betweenLayers } from './betweenLayers';
import { passPlan, projectHeads, tensorHead, tensorMlpHalf } from './tensorForward';
import { vitKernelsActive } from './wasmKernels/tfjsKernels';
import { fusedAttentionMerged } from './wasmKernels/fusedOps';
import type { SharedPrefix } from './sharedPrefix';

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
