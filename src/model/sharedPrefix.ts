/**
 * Work that many images of one batched call share before their tokens first mix. Up to layer 0's
 * attention every token row is computed on its own: the patch embedding, the position embedding,
 * layer 0's LayerNorm and its Q/K/V projection. Masked images (the deletion/insertion curves) hold
 * at each position either the original patch or the same blank one, so those rows are computed once
 * per distinct (position, patch) and each image gathers its rows from the table. The numbers are
 * the same as each image's own pass: every step is row by row.
 */
import * as tf from '@tensorflow/tfjs-core';
import { vitSizes } from './vitSizes';
import type { KernelPlan } from './kernelPlan';
import { layerNorm, linear, patchRows, withPrefixTokens } from './ops';
import { vitKernelsActive } from './wasmKernels/tfjsKernels';
import type { VitModel } from './vitModel';

export interface SharedPrefix {
  /** [U, D] the distinct rows of the encoder's input: the prefix tokens, then each distinct patch */
  embeddings: tf.Tensor2D;
  /** [U, 3D] layer 0's Q/K/V of those rows (FUSED plan), or [U, D] its LayerNorm (norm1) on other plans */
  layer0: tf.Tensor2D;
  /** per image, its T rows' indices into the tables */
  rows: Int32Array[];
}

/** Whether the batched attention takes Q/K/V (ViT Lens's kernel) rather than the normalised tokens. */
export const fusedAttentionInput = (plan: KernelPlan): boolean => plan.fusedKernels && vitKernelsActive();

/** Two patch rows (CPP values each) equal value for value. */
function sameRow(a: Float32Array, aStart: number, b: Float32Array, bStart: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (a[aStart + i] !== b[bStart + i]) return false;
  return true;
}

/**
 * The distinct patches of the images, position by position: patches [U, C·P·P] (each distinct
 * one once), its position, and per image its patches' indices into them.
 */
export function distinctPatches(images: Float32Array[], numPatches: number, patchLength: number) {
  const variants: { image: number; index: number }[][] = Array.from({ length: numPatches }, () => []);
  const indices = images.map(() => new Int32Array(numPatches));
  const positions: number[] = [];
  images.forEach((rows, i) => {
    for (let p = 0; p < numPatches; p++) {
      const start = p * patchLength;
      const seen = variants[p]!.find((v) => sameRow(images[v.image]!, start, rows, start, patchLength));
      if (seen) indices[i]![p] = seen.index;
      else {
        indices[i]![p] = positions.push(p) - 1;
        variants[p]!.push({ image: i, index: indices[i]![p]! });
      }
    }
  });
  const patches = new Float32Array(positions.length * patchLength);
  variants.forEach((vs) =>
    vs.forEach((v) => {
      const start = positions[v.index]! * patchLength;
      patches.set(images[v.image]!.subarray(start, start + patchLength), v.index * patchLength);
    }),
  );
  return { patches, positions, indices };
}

/**
 * The shared rows of the preprocessed images ([C, H, W] each), or null when they share too little
 * to pay (distinct patch rows more than half of all: photos, one image). The caller disposes it
 * (disposeSharedPrefix).
 */
export function sharedPrefix(model: VitModel, inputs: Float32Array[], plan: KernelPlan): SharedPrefix | null {
  const { numChannels: C, imageSize: S, patchSize: P } = model.config;
  const { numPatches: N, numPrefixTokens: K } = vitSizes(model.config);
  const patchLength = C * P * P;
  const { patches, positions, indices } = distinctPatches(
    inputs.map((input) => patchRows(input, C, S, P)),
    N,
    patchLength,
  );
  if (positions.length * 2 > inputs.length * N) return null;
  const [embeddings, layer0] = tf.tidy(() => {
    const tokens = linear(tf.tensor2d(patches, [positions.length, patchLength]), model.patchEmbedding, {}, plan);
    // the prefix tokens, then the distinct patches, each plus its position's embedding
    const table = withPrefixTokens(model, tokens);
    const positionRows = Int32Array.from([...Array.from({ length: K }, (_, k) => k), ...positions.map((p) => K + p)]);
    let x = model.positionEmbeddings ? (tf.add(table, tf.gather(model.positionEmbeddings, positionRows)) as tf.Tensor2D) : table;
    if (model.embeddingNorm) x = layerNorm(x, model.embeddingNorm, model.config.layerNormEps, plan);
    const layer = model.layers[0]!;
    const norm1 = layerNorm(x, layer.norm1, model.config.layerNormEps, plan);
    return [x, fusedAttentionInput(plan) ? linear(norm1, layer.qkv, {}, plan) : norm1];
  }) as [tf.Tensor2D, tf.Tensor2D];
  const rows = indices.map((patchIndex) => {
    const r = new Int32Array(K + N);
    for (let k = 0; k < K; k++) r[k] = k;
    for (let p = 0; p < N; p++) r[K + p] = K + patchIndex[p]!;
    return r;
  });
  return { embeddings, layer0, rows };
}

/** A batch's rows from the tables: x [B·T, D] and layer 0's part [B·T, ·], for the images `images` (indices into the call's inputs). */
export function gatherPrefix(prefix: SharedPrefix, images: number[]): { x: tf.Tensor2D; layer0: tf.Tensor2D } {
  const T = prefix.rows[0]!.length;
  const rows = new Int32Array(images.length * T);
  images.forEach((image, b) => rows.set(prefix.rows[image]!, b * T));
  return tf.tidy(() => ({
    x: tf.gather(prefix.embeddings, rows) as tf.Tensor2D,
    layer0: tf.gather(prefix.layer0, rows) as tf.Tensor2D,
  }));
}

export function disposeSharedPrefix(prefix: SharedPrefix | null): void {
  if (prefix) tf.dispose([prefix.embeddings, prefix.layer0]);
}
