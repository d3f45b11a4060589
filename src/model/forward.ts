/**
 * The forward pass of a ViT, recording every intermediate (see trace.ts), named after the stages
 * of the seed article: patchEmbedding → (+[CLS], +positions) → encoder blocks
 * (addNorm, qkv, scores, scaled, softmax, context, mlp) → final norm → pooling → classifier.
 */
import * as tf from '@tensorflow/tfjs-core';
import { vitSizes } from './config';
import type { Activation } from './config';
import { LAYER_KEYS, type LayerTrace, type Matrix, type VitTrace } from './trace';
import type { DenseTensors, LayerNormTensors, VitModel } from './vitModel';

function linear(x: tf.Tensor2D, dense: DenseTensors): tf.Tensor2D {
  return tf.add(tf.matMul(x, dense.w), dense.b);
}

function layerNorm(x: tf.Tensor2D, ln: LayerNormTensors, eps: number): tf.Tensor2D {
  const { mean, variance } = tf.moments(x, -1, true);
  const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps)));
  return tf.add(tf.mul(normalised, ln.gamma), ln.beta);
}

function activate(x: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  if (activation === 'relu') return tf.relu(x);
  if (activation === 'gelu') return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
  // tanh approximation: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
  const inner = tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), Math.sqrt(2 / Math.PI));
  return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.tanh(inner)));
}

/** Cuts [C, H, W] into patches and flattens each to C·P·P values: [N, C·P·P]. */
function patchify(image: tf.Tensor3D, patchSize: number): tf.Tensor2D {
  const [C, H, W] = image.shape;
  const gh = H / patchSize;
  const gw = W / patchSize;
  const blocks = tf.reshape(image, [C, gh, patchSize, gw, patchSize]);
  return tf.reshape(tf.transpose(blocks, [1, 3, 0, 2, 4]), [gh * gw, C * patchSize * patchSize]);
}

type Recorded<T> = { [K in keyof T]: tf.Tensor };

/** Runs one image ([C, H, W], already preprocessed) and returns its full trace. */
export async function runTrace(model: VitModel, input: Float32Array): Promise<VitTrace> {
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
    if (model.classToken) x = tf.concat([model.classToken, ...(model.distillationToken ? [model.distillationToken] : []), x], 0);
    if (model.positionEmbeddings) x = tf.add(x, model.positionEmbeddings);
    const embeddings = x;

    const layers: Recorded<LayerTrace>[] = model.layers.map((layer) => {
      const norm1 = layerNorm(x, layer.norm1, config.layerNormEps);
      const qkv = tf.transpose(tf.reshape(linear(norm1, layer.qkv), [T, 3, h, d]), [1, 2, 0, 3]);
      const [q, k, v] = tf.unstack(qkv, 0) as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
      const scores = tf.matMul(q, k, false, true);
      const scaled = tf.mul(scores, 1 / Math.sqrt(d));
      const attn = tf.softmax(scaled);
      const context = tf.matMul(attn, v);
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
      // DeiT with a teacher: the mean of the [CLS] head and the distillation-token head, as Hugging Face does
      const logits = model.distillationClassifier
        ? tf.div(
            tf.add(linear(pooled, model.classifier), linear(tf.slice(finalNorm, [1, 0], [1, D]), model.distillationClassifier)),
            2,
          )
        : linear(pooled, model.classifier);
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
