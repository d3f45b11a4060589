/**
 * The seed article's stand-alone attention demo, its `main()`: one
 * `Attention(embed_dim=96, num_heads=8, qkv_bias=False)` applied to a random input of shape
 * [4, 16, 96]. It returns the output [4, 16, 96] and the attention weights [4, 8, 16, 16], and, for
 * one chosen sample of the batch, every step as a one-layer trace the explainer's views can show.
 */
import * as tf from '@tensorflow/tfjs-core';
import { seededNormal, seededRandom } from './seededRandom';
import type { LayerTrace, Matrix } from './trace';

export const DEMO = { batch: 4, tokens: 16, embedDim: 96, heads: 8, seed: 2021 } as const;

export interface AttentionDemoResult {
  /** [4, 16, 96] */
  input: Matrix;
  /** [4, 16, 96] */
  output: Matrix;
  /** [4, 8, 16, 16] */
  weights: Matrix;
  /** every step for the chosen sample: norm1 holds its input (the demo has no LayerNorm) */
  layer: LayerTrace;
  sample: number;
}

/** Weights as PyTorch initialises a Linear layer: uniform in ±1/√in. */
function linearWeights(rand: () => number, out: number, inn: number): Float32Array {
  const bound = 1 / Math.sqrt(inn);
  return Float32Array.from({ length: out * inn }, () => (rand() * 2 - 1) * bound);
}

export async function runAttentionDemo(sample: number): Promise<AttentionDemoResult> {
  const { batch: B, tokens: T, embedDim: D, heads: h } = DEMO;
  const d = D / h;
  const normal = seededNormal(DEMO.seed);
  const rand = seededRandom(DEMO.seed + 1);
  const x = Float32Array.from({ length: B * T * D }, normal);
  const qkvWeight = linearWeights(rand, 3 * D, D); // [3D, D], no bias (qkv_bias=False)
  const projWeight = linearWeights(rand, D, D);
  const projBias = Float32Array.from({ length: D }, () => (rand() * 2 - 1) / Math.sqrt(D));

  const tensors = tf.tidy(() => {
    const input = tf.tensor3d(x, [B, T, D]);
    const qkv = tf.matMul(tf.reshape(input, [B * T, D]), tf.tensor2d(qkvWeight, [3 * D, D]), false, true);
    // chunk into q, k, v and split heads: [3, B, h, T, d]
    const parts = tf.transpose(tf.reshape(qkv, [B, T, 3, h, d]), [2, 0, 3, 1, 4]);
    const [q, k, v] = tf.unstack(parts, 0) as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
    const scores = tf.matMul(q, k, false, true);
    const scaled = tf.mul(scores, 1 / Math.sqrt(d));
    const attn = tf.softmax(scaled);
    const context = tf.matMul(attn, v);
    const merged = tf.reshape(tf.transpose(context, [0, 2, 1, 3]), [B * T, D]);
    const output = tf.reshape(tf.add(tf.matMul(merged, tf.tensor2d(projWeight, [D, D]), false, true), projBias), [B, T, D]);
    const pick = (t: tf.Tensor) => tf.squeeze(tf.slice(t, [sample], [1]), [0]);
    return [
      input,
      output,
      attn,
      pick(input),
      pick(q),
      pick(k),
      pick(v),
      pick(scores),
      pick(scaled),
      pick(attn),
      pick(context),
      pick(output),
    ];
  });
  try {
    const arrays = await Promise.all(tensors.map((t) => t.data() as Promise<Float32Array>));
    const m = (i: number): Matrix => ({ data: arrays[i]!, shape: tensors[i]!.shape.slice() });
    const out = m(11);
    const empty: Matrix = { data: new Float32Array(0), shape: [T, 0] };
    return {
      input: m(0),
      output: m(1),
      weights: m(2),
      sample,
      layer: {
        norm1: m(3),
        q: m(4),
        k: m(5),
        v: m(6),
        scores: m(7),
        scaled: m(8),
        attn: m(9),
        context: m(10),
        attnOut: out,
        residual1: out,
        norm2: out,
        mlpHidden: empty,
        out,
      },
    };
  } finally {
    tf.dispose(tensors);
  }
}
