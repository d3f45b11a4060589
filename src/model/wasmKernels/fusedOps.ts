/**
 * The ViT Lens kernels as tfjs operations (tfjsKernels.ts registers the kernels they run): each call is
 * one tf.engine().runKernel, so it composes with tf.tidy and disposal like any op.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '../config';

/** The dense kernel's attributes (its activation as the code vitKernels.c reads). */
export interface DenseAttrs {
  n: number;
  activation: number;
  /** also output act(x · W + bias) before the residual is added */
  keepBeforeResidual?: boolean;
  /** also write the output as tiles, for a product of it next (mlp hidden → fc2) */
  tilesForNext?: boolean;
}

/** The activations the dense kernel applies in its epilogue; others (quick_gelu) run as tfjs ops after it. */
export type KernelActivation = Exclude<Activation, 'quick_gelu'>;
const ACTIVATION_CODES: Record<KernelActivation | 'none', number> = { none: 0, gelu: 1, gelu_tanh: 2, relu: 3 };
export const isKernelActivation = (a: Activation): a is KernelActivation => Object.hasOwn(ACTIVATION_CODES, a);
/** [K, N] → [ceil(N/8), K, 8]: column panels of 8, the layout the matrix product reads. */
export function packWeights(w: tf.Tensor2D): tf.Tensor3D {
  return tf.engine().runKernel('VitLensPackWeights', { w }) as tf.Tensor3D;
}

/** packWeights undone: [ceil(n/8), K, 8] → [K, n] */
export function unpackWeights(packed: tf.Tensor3D, n: number): tf.Tensor2D {
  return tf.engine().runKernel('VitLensUnpackWeights', { packed }, { n }) as tf.Tensor2D;
}

/**
 * act(x · W + bias) + residual, W packed by packWeights ([K, n] before packing). `tilesForNext`: the
 * output will be the x of the next dense call (an MLP's hidden layer), which then skips packing it.
 */
export function fusedDense(
  x: tf.Tensor2D,
  packed: tf.Tensor3D,
  bias: tf.Tensor1D | null,
  n: number,
  activation: KernelActivation | 'none' = 'none',
  residual?: tf.Tensor2D,
  tilesForNext = false,
): tf.Tensor2D {
  const inputs: tf.NamedTensorMap = { x, packed };
  if (bias) inputs.bias = bias;
  if (residual) inputs.residual = residual;
  const attrs: DenseAttrs = { n, activation: ACTIVATION_CODES[activation], tilesForNext };
  return tf.engine().runKernel('VitLensDense', inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D;
}

/** y = x · W + bias and sum = residual + y, from one pass of the kernel (an attention output and the residual stream after it). */
export function fusedDenseAndResidual(
  x: tf.Tensor2D,
  packed: tf.Tensor3D,
  bias: tf.Tensor1D | null,
  n: number,
  residual: tf.Tensor2D,
): { y: tf.Tensor2D; sum: tf.Tensor2D } {
  const inputs: tf.NamedTensorMap = { x, packed, residual };
  if (bias) inputs.bias = bias;
  const attrs: DenseAttrs = { n, activation: ACTIVATION_CODES.none, keepBeforeResidual: true };
  const [sum, y] = tf.engine().runKernel('VitLensDense', inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D[];
  return { y: y!, sum: sum! };
}

/** LayerNorm of x's rows; `tilesForNext` as in fusedDense (the output is a dense layer's input next). */
export function fusedLayerNorm(x: tf.Tensor2D, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps: number, tilesForNext = false): tf.Tensor2D {
  return tf.engine().runKernel('VitLensLayerNorm', { x, gamma, beta }, { eps, tilesForNext }) as tf.Tensor2D;
}

export interface FusedAttention {
  /** [3, h, T, d] */
  qkvHeads: tf.Tensor4D;
  /** [h, T, T] */
  scores: tf.Tensor3D;
  scaled: tf.Tensor3D;
  attn: tf.Tensor3D;
  /** [h, T, d] */
  context: tf.Tensor3D;
  /** [T, D] */
  merged: tf.Tensor2D;
}

/** Every head's Q·Kᵀ, ÷√d, softmax and A·V from the fused projection qkv [T, 3D]. */
export function fusedAttention(qkv: tf.Tensor2D, heads: number): FusedAttention {
  const [qkvHeads, scores, scaled, attn, context, merged] = tf
    .engine()
    .runKernel('VitLensAttention', { qkv }, { heads }) as tf.Tensor[];
  return {
    qkvHeads: qkvHeads as tf.Tensor4D,
    scores: scores as tf.Tensor3D,
    scaled: scaled as tf.Tensor3D,
    attn: attn as tf.Tensor3D,
    context: context as tf.Tensor3D,
    merged: merged as tf.Tensor2D,
  };
}

/**
 * Attention for the logits alone on a batch of images: merged [B·T, D] (the heads side by side)
 * from qkv [B·T, 3D], image b's tokens at rows b·T…; each image's equals fusedAttention's merged.
 */
export function fusedAttentionMerged(qkv: tf.Tensor2D, heads: number, batch: number): tf.Tensor2D {
  return tf.engine().runKernel('VitLensAttentionMerged', { qkv }, { heads, batch }) as tf.Tensor2D;
}
