/**
 * Attention, shared by the traced pass (forward.ts) and the tensor pass (tensorForward.ts), in the
 * layouts of kernelPlan.ts: ViT Lens's fused kernel, all heads batched, one head at a time, or from
 * per-head weights. Each tfjs variant takes an optional offset [h, T, T] added to the weights after the
 * softmax: zeros change nothing, and the gradient with respect to them is the gradient with respect to the weights.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelPlan } from './kernelPlan';
import { fused, linear } from './ops';
import type { DenseTensors, EncoderLayerTensors } from './vitModel';
import { fusedAttention } from './wasmKernels/fusedOps';

/** One attention block's tensors to read back: each array as one tensor, or as one piece per head. */
export interface AttentionTensors {
  /** q, k and v of every head, end to end in the trace's layout [3, h, T, d]: one tensor or one per head */
  qkvHeads: tf.Tensor[];
  scores: tf.Tensor[];
  scaled: tf.Tensor[];
  attn: tf.Tensor[];
  context: tf.Tensor[];
  /** [T, D] the heads' outputs side by side, before the output projection */
  merged: tf.Tensor2D;
}

/** qkv [T, 3D] → [3h, T, d]: q of heads 0…h−1, then k, then v. */
export function headMajor(qkv: tf.Tensor2D, h: number, d: number): tf.Tensor3D {
  const [T] = qkv.shape;
  return tf.transpose(tf.reshape(qkv, [T, 3 * h, d]), [1, 0, 2]);
}

/** Q·Kᵀ, ÷√d, softmax and A·V for all heads in one of ViT Lens's wasm kernels (FUSED plan). */
export function attentionFusedKernel(qkv: tf.Tensor2D, h: number): AttentionTensors {
  const a = fusedAttention(qkv, h);
  return {
    qkvHeads: [a.qkvHeads],
    scores: [a.scores],
    scaled: [a.scaled],
    attn: [a.attn],
    context: [a.context],
    merged: a.merged,
  };
}

/**
 * One block's attention on its normalised input: ViT Lens's kernel (FUSED), or from per-head Q/K/V
 * weights when the plan is per-head and the model has them, or one head at a time, or all heads
 * batched. `offset` (for gradients) is added after the softmax; only the tfjs layouts take it.
 */
export function blockAttention(
  norm1: tf.Tensor2D,
  layer: EncoderLayerTensors,
  h: number,
  d: number,
  plan: KernelPlan,
  offset?: tf.Tensor3D,
): AttentionTensors {
  if (plan.perHeadAttention && layer.qkvPerHead && !offset) return attentionFromHeadWeights(norm1, layer.qkvPerHead, h, d);
  const qkv = linear(norm1, layer.qkv, {}, plan);
  if (fused(plan) && !offset) return attentionFusedKernel(qkv, h);
  return plan.perHeadAttention ? attentionPerHead(qkv, h, d, offset) : attentionBatched(qkv, h, d, offset);
}

/** Q·Kᵀ, ÷√d, softmax and A·V for all heads at once, from the fused projection qkv [T, 3D]. */
export function attentionBatched(qkv: tf.Tensor2D, h: number, d: number, offset?: tf.Tensor3D): AttentionTensors {
  const [T] = qkv.shape;
  const qkvHeads = tf.reshape(headMajor(qkv, h, d), [3, h, T, d]);
  const [q, k, v] = tf.unstack(qkvHeads, 0) as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
  const scores = tf.matMul(q, k, false, true);
  const scaled = tf.mul(scores, 1 / Math.sqrt(d));
  const attn = offset ? tf.add(tf.softmax(scaled), offset) : tf.softmax(scaled);
  const context = tf.matMul(attn, v);
  const merged = tf.reshape(tf.transpose(context, [1, 0, 2]), [T, h * d]) as tf.Tensor2D;
  return { qkvHeads: [qkvHeads], scores: [scores], scaled: [scaled], attn: [attn], context: [context], merged };
}

/**
 * The same, one head at a time, with every product a plain 2-D one (Kᵀ comes pre-transposed).
 * Heads are picked with gather: on wasm, slice copies its whole input first.
 */
export function attentionPerHead(qkv: tf.Tensor2D, h: number, d: number, offset?: tf.Tensor3D): AttentionTensors {
  const [T] = qkv.shape;
  const qkvHeads = headMajor(qkv, h, d);
  const pick = (x: tf.Tensor3D, i: number, shape: [number, number]) => tf.reshape(tf.gather(x, [i]), shape) as tf.Tensor2D;
  const heads = Array.from({ length: h }, (_, j) => j);
  const kT = tf.transpose(
    tf.gather(
      qkvHeads,
      heads.map((j) => h + j),
    ),
    [0, 2, 1],
  ) as tf.Tensor3D; // [h, d, T]
  const out: AttentionTensors = { qkvHeads: [qkvHeads], scores: [], scaled: [], attn: [], context: [], merged: qkv };
  for (const j of heads) {
    const scores = tf.matMul(pick(qkvHeads, j, [T, d]), pick(kT, j, [d, T]));
    const scaled = tf.mul(scores, 1 / Math.sqrt(d));
    const attn = offset ? tf.add(tf.softmax(scaled), pick(offset, j, [T, T])) : tf.softmax(scaled);
    out.scores.push(scores);
    out.scaled.push(scaled);
    out.attn.push(attn);
    out.context.push(tf.matMul(attn, pick(qkvHeads, 2 * h + j, [T, d])));
  }
  out.merged = tf.concat(out.context, 1) as tf.Tensor2D;
  return out;
}

/**
 * Attention from Q/K/V weights already split per head (VitModel's qkvPerHead, made on wasm): each
 * head's q, k and v come straight out of their own 2-D products, so nothing is picked out of a
 * larger tensor (gather and slice are slow there); Kᵀ is one small transpose per head.
 */
export function attentionFromHeadWeights(
  x: tf.Tensor2D,
  weights: readonly DenseTensors[],
  h: number,
  d: number,
): AttentionTensors {
  const qkvHeads = weights.map((w) => linear(x, w)); // 3h × [T, d]
  const out: AttentionTensors = { qkvHeads, scores: [], scaled: [], attn: [], context: [], merged: x };
  for (let j = 0; j < h; j++) {
    const scores = tf.matMul(qkvHeads[j]!, tf.transpose(qkvHeads[h + j]!));
    const scaled = tf.mul(scores, 1 / Math.sqrt(d));
    const attn = tf.softmax(scaled);
    out.scores.push(scores);
    out.scaled.push(scaled);
    out.attn.push(attn);
    out.context.push(tf.matMul(attn, qkvHeads[2 * h + j]!));
  }
  out.merged = tf.concat(out.context, 1) as tf.Tensor2D;
  return out;
}

/**
 * Which heads run, per layer: headMask[layer][head] is 1 (on) or 0 (off). A head switched off
 * contributes nothing: its output (attention · V) is zeroed before the output projection.
 */
export type HeadMask = readonly (readonly number[])[];

/** The heads' outputs side by side [T, h·d] with the switched-off heads' columns zeroed; unchanged when all are on. */
export function maskHeads(merged: tf.Tensor2D, mask: HeadMask | undefined, layer: number, h: number, d: number): tf.Tensor2D {
  const row = mask?.[layer];
  if (!row || row.every((m) => m === 1)) return merged;
  if (row.length !== h) throw new Error(`head mask of layer ${layer} has ${row.length} entries; the model has ${h} heads`);
  const columns = new Float32Array(h * d);
  row.forEach((m, j) => columns.fill(m, j * d, (j + 1) * d));
  return tf.mul(merged, tf.tensor2d(columns, [1, h * d]));
}
