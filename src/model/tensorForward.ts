/**
 * The forward pass as plain tensors, for a batch of images, recording nothing: what the analyses
 * that re-run the model need (head ablation, deletion curves, attention over a gallery) and what
 * tfjs can differentiate (class-specific maps). Call inside tf.tidy or tf.grads; the traced pass
 * for viewing is forward.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { vitSizes } from './config';
import { activate, layerHeadMask, layerNorm, linear, patchify, type HeadMask } from './ops';
import type { VitModel } from './vitModel';

export interface TensorPassOptions {
  headMask?: HeadMask;
  /**
   * Added to each layer's attention weights after the softmax ([h, T, T], broadcast over the batch).
   * Zeros change nothing, and the gradient of the output with respect to them is the gradient with
   * respect to the attention weights.
   */
  attentionOffsets?: tf.Tensor3D[];
  /** return each layer's attention (default); without it, each layer's intermediates are freed as it ends */
  recordAttention?: boolean;
}

export interface TensorPass {
  /** [B, C]; null without a classifier */
  logits: tf.Tensor2D | null;
  /** per layer, [B, h, T, T]; empty when recordAttention is false */
  attention: tf.Tensor4D[];
}

/** Runs a batch of preprocessed images, [B, C·H·W] flattened, through the model. */
export function tensorPass(model: VitModel, images: tf.Tensor2D, options: TensorPassOptions = {}): TensorPass {
  const { config } = model;
  const { numTokens: T, numPatches: N, headDim: d } = vitSizes(config);
  const D = config.hiddenSize;
  const h = config.numHeads;
  const S = config.imageSize;
  const B = images.shape[0];
  const perImage = tf
    .unstack(images)
    .map((flat) => patchify(tf.reshape(flat, [config.numChannels, S, S]) as tf.Tensor3D, config.patchSize));
  const patches = tf.concat(perImage, 0); // [B·N, C·P·P]
  let x = tf.reshape(linear(patches, model.patchEmbedding), [B, N, D]) as tf.Tensor3D;
  if (model.classToken) x = tf.concat([tf.tile(tf.reshape(model.classToken, [1, 1, D]), [B, 1, 1]) as tf.Tensor3D, x], 1);
  if (model.positionEmbeddings) x = tf.add(x, model.positionEmbeddings);

  const attention: tf.Tensor4D[] = [];
  const record = options.recordAttention ?? true;
  model.layers.forEach((layer, l) => {
    const block = (): [tf.Tensor3D, tf.Tensor4D] => {
      const norm1 = tf.reshape(layerNorm(x, layer.norm1, config.layerNormEps), [B * T, D]) as tf.Tensor2D;
      // three [B·T, D] slices, each to [B, h, T, d]: rank-4 transposes only (rank 5 is slow on wasm)
      const heads = (part: tf.Tensor2D) => tf.transpose(tf.reshape(part, [B, T, h, d]), [0, 2, 1, 3]) as tf.Tensor4D;
      const [q, k, v] = tf.split(linear(norm1, layer.qkv), 3, 1).map((part) => heads(part as tf.Tensor2D)) as [
        tf.Tensor4D,
        tf.Tensor4D,
        tf.Tensor4D,
      ];
      let attn = tf.softmax(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(d))) as tf.Tensor4D;
      const offset = options.attentionOffsets?.[l];
      if (offset) attn = tf.add(attn, offset) as tf.Tensor4D;
      const headMask = layerHeadMask(options.headMask, l, h);
      const context = headMask ? tf.mul(tf.matMul(attn, v), headMask) : tf.matMul(attn, v);
      const merged = tf.reshape(tf.transpose(context, [0, 2, 1, 3]), [B * T, D]) as tf.Tensor2D;
      const residual1 = tf.add(x, tf.reshape(linear(merged, layer.attnOutput), [B, T, D]));
      const norm2 = tf.reshape(layerNorm(residual1, layer.norm2, config.layerNormEps), [B * T, D]) as tf.Tensor2D;
      const mlp = linear(activate(linear(norm2, layer.fc1), config.activation), layer.fc2);
      return [tf.add(residual1, tf.reshape(mlp, [B, T, D])) as tf.Tensor3D, attn];
    };
    // under tf.grads every intermediate must live until the backward pass: no inner tidy there
    if (options.attentionOffsets) {
      const [next, attn] = block();
      x = next;
      attention.push(attn);
    } else if (record) {
      const [next, attn] = tf.tidy(block);
      x = next;
      attention.push(attn);
    } else {
      x = tf.tidy(() => block()[0]);
    }
  });

  const finalNorm = layerNorm(x, model.finalNorm, config.layerNormEps);
  const pooled = config.pooling === 'cls' ? tf.reshape(tf.slice(finalNorm, [0, 0, 0], [B, 1, D]), [B, D]) : tf.mean(finalNorm, 1);
  const logits = model.classifier ? linear(pooled as tf.Tensor2D, model.classifier) : null;
  return { logits, attention };
}

export interface BatchOptions {
  headMask?: HeadMask;
  /** images per batch: bounds the memory of one pass */
  batchSize?: number;
  /** called after each batch with the number of images done */
  onProgress?: (done: number) => void;
  /** stops between batches */
  signal?: AbortSignal;
}

/**
 * Images per batch: about 10⁹ multiply-adds, so a batch takes well under a second where the
 * hardware allows and the page can show progress and take a cancel between batches (a ViT-B/16
 * image is 1.75·10¹⁰: one per batch), and at most 16 (the MLP's [B, T, M] activations bound memory).
 */
export function defaultBatchSize(config: VitModel['config']): number {
  const { numTokens: T } = vitSizes(config);
  const D = config.hiddenSize;
  const macs = config.numLayers * (T * (4 * D * D + 2 * D * config.intermediateSize) + 2 * T * T * D);
  return Math.max(1, Math.min(16, Math.floor(1e9 / macs)));
}

/** The logits ([C] each) of many preprocessed images ([C, H, W] each), in batches. */
export async function runLogits(model: VitModel, inputs: Float32Array[], options: BatchOptions = {}): Promise<Float32Array[]> {
  if (!model.classifier) throw new Error('this model has no classifier, so there are no logits to compare');
  const per = model.config.numChannels * model.config.imageSize ** 2;
  const batchSize = options.batchSize ?? defaultBatchSize(model.config);
  const out: Float32Array[] = [];
  for (let start = 0; start < inputs.length; start += batchSize) {
    options.signal?.throwIfAborted();
    const chunk = inputs.slice(start, start + batchSize);
    chunk.forEach((input) => {
      if (input.length !== per) throw new Error(`input has ${input.length} values; the model wants ${per}`);
    });
    const logits = tf.tidy(() => {
      const batch = tf.tensor2d(concatArrays(chunk), [chunk.length, per]);
      return tensorPass(model, batch, { headMask: options.headMask, recordAttention: false }).logits!;
    });
    const data = (await logits.data()) as Float32Array;
    logits.dispose();
    const C = model.numClasses;
    for (let i = 0; i < chunk.length; i++) out.push(data.slice(i * C, (i + 1) * C));
    options.onProgress?.(out.length);
    // let the page paint progress and take a cancel between batches
    if (start + batchSize < inputs.length) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return out;
}

/** Each layer's attention weights ([h, T, T]) for one preprocessed image. */
export async function runAttention(model: VitModel, input: Float32Array): Promise<Float32Array[]> {
  const per = model.config.numChannels * model.config.imageSize ** 2;
  const attention = tf.tidy(() => tensorPass(model, tf.tensor2d(input, [1, per])).attention);
  try {
    return (await Promise.all(attention.map((a) => a.data()))) as Float32Array[];
  } finally {
    tf.dispose(attention);
  }
}

function concatArrays(arrays: Float32Array[]): Float32Array {
  const out = new Float32Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}
