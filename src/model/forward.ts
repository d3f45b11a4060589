/**
 * The forward pass of a ViT, recording every intermediate (see trace.ts), named after the stages
 * of the seed article: patchEmbedding → (+[CLS], +positions) → encoder blocks
 * (addNorm, qkv, scores, scaled, softmax, context, mlp) → final norm → pooling → classifier.
 */
import * as tf from '@tensorflow/tfjs-core';
import { vitSizes } from './config';
import { LAYER_KEYS, type LayerTrace, type Matrix, type VitTrace } from './trace';
import type { VitModel } from './vitModel';
import { activate, layerHeadMask, layerNorm, linear, patchify, type HeadMask } from './ops';

type Recorded<T> = { [K in keyof T]: tf.Tensor };

export interface TraceOptions {
  /** heads to switch off (see HeadMask); all on when absent */
  headMask?: HeadMask;
}

/** Runs one image ([C, H, W], already preprocessed) and returns its full trace. */
export async function runTrace(model: VitModel, input: Float32Array, options: TraceOptions = {}): Promise<VitTrace> {
  const { config } = model;
  const { numTokens: T, headDim: d } = vitSizes(config);
  const D = config.hiddenSize;
  const h = config.numHeads;
  const S = config.imageSize;
  if (input.length !== config.numChannels * S * S) {
    throw new Error(`input has ${input.length} values; the model wants [${config.numChannels}, ${S}, ${S}]`);
  }

  const hasClassifier = model.classifier !== null;
  // Everything to read back, in a fixed order: the five whole-model arrays, logits and probs when
  // there is a classifier, then each layer's arrays in LAYER_KEYS order.
  const recorded: tf.Tensor[] = tf.tidy(() => {
    const image = tf.tensor3d(input, [config.numChannels, S, S]);
    const patchTokens = linear(patchify(image, config.patchSize), model.patchEmbedding);
    let x: tf.Tensor2D = patchTokens;
    if (model.classToken) x = tf.concat([model.classToken, x], 0);
    if (model.positionEmbeddings) x = tf.add(x, model.positionEmbeddings);
    const embeddings = x;

    const layers: Recorded<LayerTrace>[] = model.layers.map((layer, l) => {
      const norm1 = layerNorm(x, layer.norm1, config.layerNormEps);
      const qkv = tf.transpose(tf.reshape(linear(norm1, layer.qkv), [T, 3, h, d]), [1, 2, 0, 3]);
      const [q, k, v] = tf.unstack(qkv, 0) as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
      const scores = tf.matMul(q, k, false, true);
      const scaled = tf.mul(scores, 1 / Math.sqrt(d));
      const attn = tf.softmax(scaled);
      const headMask = layerHeadMask(options.headMask, l, h);
      const context = headMask ? tf.mul(tf.matMul(attn, v), headMask) : tf.matMul(attn, v);
      const merged = tf.reshape(tf.transpose(context, [1, 0, 2]), [T, D]) as tf.Tensor2D;
      const attnOut = linear(merged, layer.attnOutput);
      const residual1: tf.Tensor2D = tf.add(x, attnOut);
      const norm2 = layerNorm(residual1, layer.norm2, config.layerNormEps);
      const mlpHidden = activate(linear(norm2, layer.fc1), config.activation);
      const out: tf.Tensor2D = tf.add(residual1, linear(mlpHidden, layer.fc2));
      x = out;
      return { norm1, q, k, v, scores, scaled, attn, context, attnOut, residual1, norm2, mlpHidden, out };
    });

    const finalNorm = layerNorm(x, model.finalNorm, config.layerNormEps);
    const pooled: tf.Tensor2D = config.pooling === 'cls' ? tf.slice(finalNorm, [0, 0], [1, D]) : tf.mean(finalNorm, 0, true);
    const head: tf.Tensor[] = [image, patchTokens, embeddings, finalNorm, pooled];
    if (model.classifier) {
      const logits = linear(pooled, model.classifier);
      head.push(logits, tf.softmax(logits));
    }
    return [...head, ...layers.flatMap((layer) => LAYER_KEYS.map((key) => layer[key]))];
  });

  try {
    const arrays = await Promise.all(recorded.map((t) => t.data() as Promise<Float32Array>));
    let cursor = 0;
    const next = (): Matrix => {
      const i = cursor++;
      return { data: arrays[i]!, shape: recorded[i]!.shape.slice() };
    };
    const vector = (m: Matrix): Matrix => ({ data: m.data, shape: [m.data.length] });
    const inputMatrix = next();
    const patchTokens = next();
    const embeddings = next();
    const finalNorm = next();
    const pooled = vector(next());
    const logits = hasClassifier ? vector(next()) : null;
    const probs = hasClassifier ? vector(next()) : null;
    const layers = model.layers.map(() => Object.fromEntries(LAYER_KEYS.map((key) => [key, next()])) as unknown as LayerTrace);
    return { config, input: inputMatrix, patchTokens, embeddings, layers, finalNorm, pooled, logits, probs };
  } finally {
    tf.dispose(recorded);
  }
}
