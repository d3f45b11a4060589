/**
 * The tensor operations a ViT is made of, shared by the traced pass (forward.ts) and the tensor
 * pass (tensorForward.ts); attention's variants are in attentionOps.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation, VitConfig } from './config';
import type { KernelPlan } from './kernelPlan';
import type { DenseTensors, EncoderLayerTensors, LayerNormTensors, VitModel } from './vitModel';
import { vitKernelsActive } from './wasmKernels/tfjsKernels';
import { fusedDense, fusedDenseAndResidual, fusedLayerNorm, isKernelActivation, unpackWeights } from './wasmKernels/fusedOps';

/** What a dense layer does after x·W + b: an activation, then adding a residual stream. */
export interface DenseEpilogue {
  activation?: Activation;
  residual?: tf.Tensor2D;
  /** the output is the next dense layer's input (an MLP's hidden layer): on the FUSED plan it is written ready for that */
  tilesForNext?: boolean;
}

/** whether `plan` runs on ViT Lens's kernels here (FUSED) */
export const fused = (plan: KernelPlan | undefined) => plan?.fusedKernels === true && vitKernelsActive();

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
