/**
 * The tensor operations a ViT is made of, shared by the traced pass (forward.ts) and the tensor
 * pass (tensorForward.ts). Attention comes in the two layouts of kernelPlan.ts. Each attention
 * function takes an optional offset [h, T, T] added to the weights after the softmax: zeros change
 * nothing, and the gradient with respect to them is the gradient with respect to the weights.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation, VitConfig } from './config';
import type { KernelPlan } from './kernelPlan';
import type { DenseTensors, EncoderLayerTensors, LayerNormTensors, VitModel } from './vitModel';
import { vitKernelsActive } from './wasmKernels/tfjsKernels';
import { fusedAttention, fusedDense, fusedDenseAndResidual, fusedLayerNorm, isKernelActivation, unpackWeights } from './wasmKernels/fusedOps';

/** What a dense layer does after x·W + b: an activation, then adding a residual stream. */
export interface DenseEpilogue {
  activation?: Activation;
  residual?: tf.Tensor2D;
  /** the output is the next dense layer's input (an MLP's hidden layer): on the FUSED plan it is written ready for that */
  tilesForNext?: boolean;
}

const fused = (plan: KernelPlan | undefined) => plan?.fusedKernels === true && vitKernelsActive();

/** act(x·W + b) + residual; one kernel on the FUSED plan when the layer has packed weights. */
export function linear(x: tf.Tensor2D, dense: DenseTensors, epilogue: DenseEpilogue = {}, plan?: KernelPlan): tf.Tensor2D {
  if (dense.packed && fused(plan)) {
    const act = epilogue.activation;
    if (!act || isKernelActivation(act))
      return fusedDense(x, dense.packed, dense.b, dense.b.shape[0], act, epilogue.residual, epilogue.tilesForNext);
    // an activation the kernel lacks (CLIP's quick_gelu) runs as tfjs ops after it
    const y = activate(fusedDense(x, dense.packed, dense.b, dense.b.shape[0]), act);
    return epilogue.residual ? tf.add(epilogue.residual, y) : y;
  }
  let y = tf.fused.matMul({ a: x, b: unpackedWeight(dense), bias: dense.b }) as tf.Tensor2D;
  if (epilogue.activation) y = activate(y, epilogue.activation);
  return epilogue.residual ? tf.add(epilogue.residual, y) : y;
}

/** y = x·W + b and residual + y (an attention output and the residual stream after it); one kernel on the FUSED plan. */
export function linearAndResidual(
  x: tf.Tensor2D,
  dense: DenseTensors,
  residual: tf.Tensor2D,
  plan?: KernelPlan,
): { y: tf.Tensor2D; sum: tf.Tensor2D } {
  if (dense.packed && fused(plan)) return fusedDenseAndResidual(x, dense.packed, dense.b, dense.b.shape[0], residual);
  const y = linear(x, dense, {}, plan);
  return { y, sum: tf.add(residual, y) };
}

/**
 * Row `row` of x as [1, D] (the [CLS] token's, for the traced pass's pooling). By gather: on wasm,
 * tf.slice first copies all of its input out of the (shared) memory, ~2.5 ms of a ViT-B pass for one
 * row. Not for passes that tfjs differentiates: gather's gradient has no wasm kernel.
 */
export function tokenRow(x: tf.Tensor2D, row: number): tf.Tensor2D {
  return tf.gather(x, tf.tensor1d([row], 'int32')) as tf.Tensor2D;
}

/** The layer's [in, out] matrix: its own, or unpacked from the packed copy (a tensor of the current scope). */
export function unpackedWeight(dense: DenseTensors): tf.Tensor2D {
  return dense.w ?? unpackWeights(dense.packed!, dense.b.shape[0]);
}

/**
 * LayerNorm over the last axis: (x − mean) / √(var + eps) · γ + β. `tilesForNext`: the output is a dense
 * layer's input next (a block's two norms), and on the FUSED plan it is written ready for that.
 */
export function layerNorm(x: tf.Tensor2D, ln: LayerNormTensors, eps: number, plan: KernelPlan, tilesForNext = false): tf.Tensor2D {
  if (fused(plan)) return fusedLayerNorm(x, ln.gamma, ln.beta, eps, tilesForNext);
  if (!plan.broadcastFree) {
    const { mean, variance } = tf.moments(x, -1, true);
    const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps)));
    return tf.add(tf.mul(normalised, ln.gamma), ln.beta);
  }
  // Broadcasting [T, 1] or [D] against [T, D] is slow on wasm, while a K = 1 matrix product is the
  // fast kernel: column ⊗ row gives the broadcast operand at full size.
  const [T, D] = x.shape;
  const row = (v: tf.Tensor1D) => tf.reshape(v, [1, D]) as tf.Tensor2D;
  const ones = tf.ones([T, 1]) as tf.Tensor2D;
  const mean = tf.mean(x, -1, true) as tf.Tensor2D;
  const centred = tf.sub(x, tf.matMul(mean, tf.ones([1, D]) as tf.Tensor2D));
  const inverseStd = tf.rsqrt(tf.add(tf.mean(tf.mul(centred, centred), -1, true), eps)) as tf.Tensor2D;
  return tf.add(tf.mul(centred, tf.matMul(inverseStd, row(ln.gamma))), tf.matMul(ones, row(ln.beta)));
}

export function activate(x: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  if (activation === 'relu') return tf.relu(x);
  // CLIP's quick_gelu: x · σ(1.702 x)
  if (activation === 'quick_gelu') return tf.mul(x, tf.sigmoid(tf.mul(x, 1.702)));
  if (activation === 'gelu') return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
  // tanh approximation: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
  const inner = tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), Math.sqrt(2 / Math.PI));
  return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.tanh(inner)));
}

/**
 * Cuts [C, H, W] into patches and flattens each to C·P·P values, row-major over the patch grid:
 * [N, C·P·P]. Done in JavaScript before upload: a rank-5 transpose is one of wasm's slow kernels.
 */
export function patchRows(image: Float32Array, C: number, S: number, P: number): Float32Array {
  const g = S / P;
  const out = new Float32Array(image.length);
  let o = 0;
  for (let gy = 0; gy < g; gy++) {
    for (let gx = 0; gx < g; gx++) {
      for (let c = 0; c < C; c++) {
        for (let y = 0; y < P; y++) {
          // element by element: a subarray and a set for each row of 16 cost ~2.5 ms of a ViT-B pass
          const row = (c * S + gy * P + y) * S + gx * P;
          for (let x = 0; x < P; x++) out[o++] = image[row + x]!;
        }
      }
    }
  }
  return out;
}

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

/** Refuses an input that is not one preprocessed image of the model's size, [C, S, S]. */
export function checkInput(config: VitConfig, input: Float32Array): void {
  const S = config.imageSize;
  if (input.length !== config.numChannels * S * S) {
    throw new Error(`input has ${input.length} values; the model wants [${config.numChannels}, ${S}, ${S}]`);
  }
}

/**
 * The encoder's input from one preprocessed image: patches cut and embedded (patchTokens [N, D]),
 * then [CLS] (and DeiT's distillation token) and the position embeddings (embeddings [T, D]).
 */
export function embed(
  model: VitModel,
  input: Float32Array,
  plan: KernelPlan,
): { patchTokens: tf.Tensor2D; embeddings: tf.Tensor2D } {
  const { numChannels: C, imageSize: S, patchSize: P } = model.config;
  const patches = tf.tensor2d(patchRows(input, C, S, P), [(S / P) ** 2, C * P * P]);
  const patchTokens = linear(patches, model.patchEmbedding, {}, plan);
  const withPrefix = withPrefixTokens(model, patchTokens);
  const embeddings = model.positionEmbeddings ? (tf.add(withPrefix, model.positionEmbeddings) as tf.Tensor2D) : withPrefix;
  // CLIP's pre_layrnorm: the encoder's input is the normalised embeddings
  if (model.embeddingNorm)
    return { patchTokens, embeddings: layerNorm(embeddings, model.embeddingNorm, model.config.layerNormEps, plan) };
  return { patchTokens, embeddings };
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

/** [CLS], then DeiT's distillation token or the register tokens when there are any, then the patch tokens. */
export function withPrefixTokens(model: VitModel, patchTokens: tf.Tensor2D): tf.Tensor2D {
  const prefix = [model.classToken, model.distillationToken, model.registerTokens].filter((t): t is tf.Tensor2D => t !== null);
  if (prefix.length === 0) return patchTokens;
  return tf.concat([...prefix, patchTokens], 0) as tf.Tensor2D;
}

/**
 * The MLP's hidden layer [T, M]: act(x·W₁ + b₁), or SwiGLU's silu(x·W₁ + b₁) ⊙ (x·W₂ + b₂) when the
 * layer has the gate's half (DINOv2 giant).
 */
export function mlpHiddenLayer(
  x: tf.Tensor2D,
  layer: EncoderLayerTensors,
  activation: Activation,
  plan: KernelPlan,
): tf.Tensor2D {
  if (!layer.fc1Gate) return linear(x, layer.fc1, { activation, tilesForNext: true }, plan);
  const a = linear(x, layer.fc1, {}, plan);
  return tf.mul(tf.mul(a, tf.sigmoid(a)), linear(x, layer.fc1Gate, {}, plan));
}

/** The classifier on the pooled token; DeiT with a teacher: the mean of the [CLS] head and the distillation-token head, as Hugging Face does. */
export function classify(model: VitModel, finalNorm: tf.Tensor2D, pooled: tf.Tensor2D, plan?: KernelPlan): tf.Tensor2D | null {
  if (!model.classifier) return null;
  if (!model.distillationClassifier) return linear(pooled, model.classifier, {}, plan);
  const D = finalNorm.shape[1];
  const distilled = linear(tf.slice(finalNorm, [1, 0], [1, D]), model.distillationClassifier, {}, plan);
  return tf.div(tf.add(linear(pooled, model.classifier, {}, plan), distilled), 2) as tf.Tensor2D;
}
