/**
 * ∂ logit / ∂ attention by an explicit backward pass on ViT Lens's wasm kernels (FUSED plan): a
 * forward pass that keeps, per layer, what the backward pass reads (the layer's input, the fused
 * projection qkv, the attention, the residual after attention, the MLP's pre-activation), then
 * the backward pass layer by layer: MLP (dense, activation, dense), LayerNorm and residual, output
 * projection, attention (A·V, softmax, Q·Kᵀ·scale), QKV projection, LayerNorm and residual. Only
 * the head (final LayerNorm, pooling, classifier: a few rows) goes through tfjs's gradients.
 * About twice a forward pass, where tfjs's automatic differentiation on one thread took ~100×.
 * Reached only through a dynamic import (attentionGradients.ts), with the kernels it fetches.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { FUSED } from '../kernelPlan';
import { embed, layerNorm, linear } from '../ops';
import { passPlan, tensorHead } from '../tensorForward';
import { betweenLayers } from '../betweenLayers';
import type { VitModel } from '../vitModel';
import type { AttentionGradients } from '../attentionGradients';
import { fusedAttention } from '../wasmKernels/fusedOps';
import {
  activationBackward,
  activationKernel,
  attentionBackward,
  denseBackward,
  layerNormBackward,
  startBackwardKernels,
} from '../wasmKernels/backwardTfjsKernels';

/** What the backward pass of one layer reads, kept from the forward pass. */
interface SavedLayer {
  x: tf.Tensor2D;
  qkv: tf.Tensor2D;
  attn: tf.Tensor3D;
  residual1: tf.Tensor2D;
  /** fc1's output before the activation */
  pre: tf.Tensor2D;
}

export async function fusedAttentionGradients(
  model: VitModel,
  input: Float32Array,
  classIndex: number,
  signal?: AbortSignal,
  onProgress?: (fraction: number) => void,
): Promise<AttentionGradients> {
  if (!(await startBackwardKernels())) throw new Error('the backward kernels need ViT Lens’s wasm kernels running');
  const { config } = model;
  const eps = config.layerNormEps;
  const h = config.numHeads;
  const L = model.layers.length;
  const steps = 2 * L + 1;
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
    let x: tf.Tensor2D = hold(tf.tidy(() => embed(model, input, FUSED).embeddings));
    const saved: SavedLayer[] = [];
    for (const layer of model.layers) {
      await step();
      const input = x;
      const kept = tf.tidy(() => {
        const qkv = linear(layerNorm(input, layer.norm1, eps, FUSED), layer.qkv, {}, FUSED);
        const a = fusedAttention(qkv, h);
        const residual1 = linear(a.merged, layer.attnOutput, { residual: input }, FUSED);
        const pre = linear(layerNorm(residual1, layer.norm2, eps, FUSED), layer.fc1, {}, FUSED);
        const out = linear(activationKernel(pre, config.activation), layer.fc2, { residual: residual1 }, FUSED);
        return { x: input, qkv, attn: a.attn, residual1, pre, out };
      });
      [kept.qkv, kept.attn, kept.residual1, kept.pre, kept.out].forEach(hold);
      saved.push(kept);
      x = kept.out;
    }
    await step();
    const top = x;
    const { value, grad } = tf.tidy(() =>
      tf.valueAndGrad((t: tf.Tensor) =>
        tf.reshape(tf.slice(tensorHead(model, t as tf.Tensor2D, passPlan(true, FUSED))!, [0, classIndex], [1, 1]), []),
      )(top),
    );
    hold(value);
    let dy = hold(grad as tf.Tensor2D);
    const gradients: tf.Tensor[] = new Array(L);
    for (let l = L - 1; l >= 0; l--) {
      await step();
      const layer = model.layers[l]!;
      const { x: input, qkv, attn, residual1, pre } = saved[l]!;
      const dOut = dy;
      const [dx, dattn] = tf.tidy(() => {
        const dHidden = denseBackward(dOut, layer.fc2.packed!);
        const dNorm2 = denseBackward(activationBackward(pre, dHidden, config.activation), layer.fc1.packed!);
        const dResidual1 = layerNormBackward(residual1, layer.norm2.gamma, dNorm2, eps, dOut);
        const dMerged = denseBackward(dResidual1, layer.attnOutput.packed!);
        const { dattn, dqkv } = attentionBackward(qkv, attn, dMerged, h);
        const dNorm1 = denseBackward(dqkv, layer.qkv.packed!);
        return [layerNormBackward(input, layer.norm1.gamma, dNorm1, eps, dResidual1), dattn];
      });
      gradients[l] = hold(dattn);
      dy = hold(dx);
      // what only this layer's backward pass read
      tf.dispose([qkv, residual1, pre, dOut]);
    }
    const attention = saved.map((s) => s.attn);
    const arrays = (await Promise.all([value, ...attention, ...gradients].map((t) => t.data()))) as Float32Array[];
    return { logit: arrays[0]![0]!, attention: arrays.slice(1, 1 + L), gradients: arrays.slice(1 + L) };
  } finally {
    tf.dispose(held);
  }
}
