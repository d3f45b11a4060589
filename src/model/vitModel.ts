/**
 * A ViT whose weights live on the tfjs backend, laid out for the forward pass:
 * linear weights transposed to [in, out], Q/K/V fused into one [D, 3D] matrix,
 * the patch-embedding convolution flattened to a [C·P·P, D] matrix.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { VitConfig } from './config';
import { vitKernelsActive } from './wasmKernels/tfjsKernels';
import { packWeights } from './wasmKernels/fusedOps';
import type { LinearWeights, VitWeights } from './vitWeights';
import type { NamingScheme } from './weights';

export interface DenseTensors {
  /** [in, out]; null for an encoder layer whose weights are kept only packed (see unpackedWeight) */
  w: tf.Tensor2D | null;
  /** [out] */
  b: tf.Tensor1D;
  /** w again as [ceil(out/8), in, 8] column panels, for ViT Lens's wasm kernels (made where they run) */
  packed?: tf.Tensor3D;
}

/** A dense layer that always keeps its plain matrix (patch embedding, classifiers, per-head Q/K/V) */
export type PlainDenseTensors = DenseTensors & { w: tf.Tensor2D };

export interface LayerNormTensors {
  gamma: tf.Tensor1D;
  beta: tf.Tensor1D;
}

export interface EncoderLayerTensors {
  norm1: LayerNormTensors;
  qkv: DenseTensors;
  /**
   * The same projection split per head, [q₀…q_{h−1}, k₀…, v₀…], each [D, d]: made only on wasm, where
   * picking a head out of the fused output costs more than the head's own products (kernelPlan.ts).
   */
  qkvPerHead: PlainDenseTensors[] | null;
  attnOutput: DenseTensors;
  norm2: LayerNormTensors;
  fc1: DenseTensors;
  fc2: DenseTensors;
  /** SwiGLU's gate half (x₂), when the MLP is gated */
  fc1Gate?: DenseTensors;
}

export interface VitModel {
  config: VitConfig;
  naming: NamingScheme | 'direct';
  patchEmbedding: PlainDenseTensors;
  classToken: tf.Tensor2D | null;
  /** [1, D] DeiT's distillation token, placed after [CLS] */
  distillationToken: tf.Tensor2D | null;
  /** [n, D] register tokens, placed after [CLS] */
  registerTokens: tf.Tensor2D | null;
  positionEmbeddings: tf.Tensor2D | null;
  /** CLIP's pre_layrnorm on the embeddings */
  embeddingNorm: LayerNormTensors | null;
  layers: EncoderLayerTensors[];
  finalNorm: LayerNormTensors;
  classifier: PlainDenseTensors | null;
  /** DeiT's second head, on the distillation token; logits = mean of the two heads */
  distillationClassifier: PlainDenseTensors | null;
  numClasses: number;
  numParameters: number;
}

function transposed(weight: Float32Array, outFeatures: number, inFeatures: number): Float32Array {
  const out = new Float32Array(weight.length);
  for (let o = 0; o < outFeatures; o++) {
    for (let i = 0; i < inFeatures; i++) out[i * outFeatures + o] = weight[o * inFeatures + i]!;
  }
  return out;
}

function dense(linear: LinearWeights): PlainDenseTensors {
  return {
    w: tf.tensor2d(transposed(linear.weight, linear.outFeatures, linear.inFeatures), [linear.inFeatures, linear.outFeatures]),
    b: tf.tensor1d(linear.bias ?? new Float32Array(linear.outFeatures)),
  };
}

function fusedQkv(q: LinearWeights, k: LinearWeights, v: LinearWeights): PlainDenseTensors {
  const D = q.inFeatures;
  const w = new Float32Array(D * 3 * D);
  const b = new Float32Array(3 * D);
  [q, k, v].forEach((linear, part) => {
    for (let o = 0; o < D; o++) {
      for (let i = 0; i < D; i++) w[i * 3 * D + part * D + o] = linear.weight[o * D + i]!;
      b[part * D + o] = linear.bias ? linear.bias[o]! : 0;
    }
  });
  return { w: tf.tensor2d(w, [D, 3 * D]), b: tf.tensor1d(b) };
}

/** Q, K and V split into h heads of d = D/h columns each, transposed to [D, d]: 3h dense layers. */
function splitQkvPerHead(q: LinearWeights, k: LinearWeights, v: LinearWeights, h: number): PlainDenseTensors[] {
  const D = q.inFeatures;
  const d = D / h;
  return [q, k, v].flatMap((linear) =>
    Array.from({ length: h }, (_, j) => {
      const w = new Float32Array(D * d);
      for (let o = 0; o < d; o++) {
        for (let i = 0; i < D; i++) w[i * d + o] = linear.weight[(j * d + o) * D + i]!;
      }
      const b = linear.bias ? linear.bias.slice(j * d, (j + 1) * d) : new Float32Array(d);
      return { w: tf.tensor2d(w, [D, d]), b: tf.tensor1d(b) };
    }),
  );
}

/**
 * LayerScale folded into the branch's last linear layer, diag(γ)·(W x + b) = (diag(γ) W) x + γ ⊙ b: the
 * same numbers on every plan, ViT Lens's wasm kernels included, and the trace's attnOut and the MLP's
 * output are the branch as added to the residual stream (residual1 = x + attnOut still holds).
 */
function scaledRows(linear: LinearWeights, gamma: Float32Array | undefined): LinearWeights {
  if (!gamma) return linear;
  const weight = new Float32Array(linear.weight.length);
  for (let o = 0; o < linear.outFeatures; o++) {
    for (let i = 0; i < linear.inFeatures; i++)
      weight[o * linear.inFeatures + i] = gamma[o]! * linear.weight[o * linear.inFeatures + i]!;
  }
  const bias = linear.bias ? linear.bias.map((b, o) => gamma[o]! * b) : null;
  return { ...linear, weight, bias };
}

const layerNorm = (ln: { gamma: Float32Array; beta: Float32Array }): LayerNormTensors => ({
  gamma: tf.tensor1d(ln.gamma),
  beta: tf.tensor1d(ln.beta),
});

export interface VitModelLayout {
  /** Q/K/V also split per head (the PER_HEAD plan's layout); by default on wasm without ViT Lens's kernels */
  perHeadQkv?: boolean;
  /** every dense weight also packed for ViT Lens's wasm kernels (the FUSED plan); by default where they run */
  packed?: boolean;
}

/** Uploads canonical weights to the current tfjs backend. Call disposeVitModel when done. */
export function createVitModel(
  config: VitConfig,
  weights: VitWeights,
  naming: VitModel['naming'] = 'direct',
  layout: VitModelLayout = {},
): VitModel {
  const packed = layout.packed ?? vitKernelsActive();
  const perHeadQkv = layout.perHeadQkv ?? (tf.getBackend() === 'wasm' && !packed);
  const D = config.hiddenSize;
  const patchIn = config.numChannels * config.patchSize * config.patchSize;
  // An encoder matrix (nearly all the weights) is kept only packed when packing: the rare pass that
  // needs it plain (gradients) unpacks it. Packed as each is uploaded, so the plain copies never all
  // coexist with the packed ones.
  let encoderParameters = 0;
  const encoderDense = (plain: PlainDenseTensors): DenseTensors => {
    encoderParameters += plain.w.size + plain.b.size;
    if (!packed) return plain;
    const packedW = packWeights(plain.w);
    plain.w.dispose();
    return { w: null, b: plain.b, packed: packedW };
  };
  const model: VitModel = {
    config,
    naming,
    patchEmbedding: {
      w: tf.tensor2d(transposed(weights.patchEmbedding.weight, D, patchIn), [patchIn, D]),
      b: tf.tensor1d(weights.patchEmbedding.bias),
    },
    classToken: weights.classToken ? tf.tensor2d(weights.classToken, [1, D]) : null,
    distillationToken: weights.distillationToken ? tf.tensor2d(weights.distillationToken, [1, D]) : null,
    registerTokens: weights.registerTokens?.length
      ? tf.tensor2d(weights.registerTokens, [weights.registerTokens.length / D, D])
      : null,
    embeddingNorm: weights.embeddingNorm ? layerNorm(weights.embeddingNorm) : null,
    positionEmbeddings: weights.positionEmbeddings
      ? tf.tensor2d(weights.positionEmbeddings, [weights.positionEmbeddings.length / D, D])
      : null,
    layers: weights.layers.map((layer) => ({
      norm1: layerNorm(layer.norm1),
      qkv: encoderDense(fusedQkv(layer.query, layer.key, layer.value)),
      qkvPerHead: perHeadQkv ? splitQkvPerHead(layer.query, layer.key, layer.value, config.numHeads) : null,
      attnOutput: encoderDense(dense(scaledRows(layer.attnOutput, layer.layerScale1))),
      norm2: layerNorm(layer.norm2),
      fc1: encoderDense(dense(layer.fc1)),
      ...(layer.fc1Gate ? { fc1Gate: encoderDense(dense(layer.fc1Gate)) } : {}),
      fc2: encoderDense(dense(scaledRows(layer.fc2, layer.layerScale2))),
    })),
    finalNorm: layerNorm(weights.finalNorm),
    classifier: weights.classifier ? dense(weights.classifier) : null,
    distillationClassifier: weights.distillationClassifier ? dense(weights.distillationClassifier) : null,
    numClasses: weights.classifier?.outFeatures ?? 0,
    numParameters: 0,
  };
  // the per-head and packed copies are layouts, not parameters
  const plain = (d: PlainDenseTensors | null) => (d ? d.w.size + d.b.size : 0);
  const others = [
    model.classToken,
    model.distillationToken,
    model.registerTokens,
    model.positionEmbeddings,
    model.finalNorm.gamma,
    model.finalNorm.beta,
    model.embeddingNorm?.gamma ?? null,
    model.embeddingNorm?.beta ?? null,
  ];
  for (const l of model.layers) others.push(l.norm1.gamma, l.norm1.beta, l.norm2.gamma, l.norm2.beta);
  // the LayerScale vectors live inside the folded weights; they are parameters all the same
  const layerScales = weights.layers.reduce((n, l) => n + (l.layerScale1?.length ?? 0) + (l.layerScale2?.length ?? 0), 0);
  // rows the engine holds as zeros are not parameters: a CLIP patch embedding's missing bias, the
  // registers' position rows (transformers adds positions before it inserts the registers)
  const zeroRows =
    (config.patchBias === false ? config.hiddenSize : 0) +
    (model.positionEmbeddings ? (config.numRegisterTokens ?? 0) * config.hiddenSize : 0);
  model.numParameters =
    layerScales -
    zeroRows +
    encoderParameters +
    plain(model.patchEmbedding) +
    plain(model.classifier) +
    plain(model.distillationClassifier) +
    others.reduce((sum, t) => sum + (t?.size ?? 0), 0);
  // the patch embedding and classifiers are kept both ways (small, and read as plain arrays by the analyses)
  if (packed) {
    for (const d of [model.patchEmbedding, model.classifier, model.distillationClassifier]) if (d) d.packed = packWeights(d.w);
  }
  return model;
}

function denseLayers(model: VitModel): DenseTensors[] {
  const list = [
    model.patchEmbedding,
    ...model.layers.flatMap((l) => [l.qkv, l.attnOutput, l.fc1, l.fc2, ...(l.fc1Gate ? [l.fc1Gate] : [])]),
  ];
  if (model.classifier) list.push(model.classifier);
  if (model.distillationClassifier) list.push(model.distillationClassifier);
  return list;
}

function modelTensors(model: VitModel): tf.Tensor[] {
  const list: tf.Tensor[] = [model.finalNorm.gamma, model.finalNorm.beta];
  if (model.classToken) list.push(model.classToken);
  if (model.positionEmbeddings) list.push(model.positionEmbeddings);
  if (model.distillationToken) list.push(model.distillationToken);
  if (model.registerTokens) list.push(model.registerTokens);
  if (model.embeddingNorm) list.push(model.embeddingNorm.gamma, model.embeddingNorm.beta);
  for (const l of model.layers) {
    list.push(l.norm1.gamma, l.norm1.beta, l.norm2.gamma, l.norm2.beta);
    for (const d of l.qkvPerHead ?? []) list.push(d.w, d.b);
  }
  for (const d of denseLayers(model)) list.push(...(d.w ? [d.w] : []), d.b, ...(d.packed ? [d.packed] : []));
  return list;
}

export function disposeVitModel(model: VitModel): void {
  tf.dispose(modelTensors(model));
}
