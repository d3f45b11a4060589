/**
 * The forward pass of a ViT, recording every intermediate (see trace.ts), named after the stages
 * of the seed article: patchEmbedding → (+[CLS], +positions) → encoder blocks
 * (addNorm, qkv, scores, scaled, softmax, context, mlp) → final norm → pooling → classifier.
 *
 * The same numbers come out of two ways of computing them (see kernelPlan.ts): batched kernels
 * (WebGL, cpu) or, on wasm, one attention head at a time with no broadcasting, because there only a
 * plain 2-D matrix product reaches the fast multi-threaded XNNPACK kernel.
 */
import * as tf from '@tensorflow/tfjs-core';
import { vitSizes } from './config';
import type { Activation } from './config';
import { kernelPlanFor, type KernelPlan } from './kernelPlan';
import { LAYER_KEYS, type LayerTrace, type Matrix, type VitTrace } from './trace';
import type { DenseTensors, LayerNormTensors, VitModel } from './vitModel';

export interface TraceOptions {
  /** how to lay out the kernels; by default the best plan for the current tfjs backend */
  plan?: KernelPlan;
}

function linear(x: tf.Tensor2D, dense: DenseTensors): tf.Tensor2D {
  return tf.fused.matMul({ a: x, b: dense.w, bias: dense.b }) as tf.Tensor2D;
}

/** LayerNorm over the last axis: (x − mean) / √(var + eps) · γ + β. */
function layerNorm(x: tf.Tensor2D, ln: LayerNormTensors, eps: number, plan: KernelPlan): tf.Tensor2D {
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

function activate(x: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  if (activation === 'relu') return tf.relu(x);
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
          const row = (c * S + gy * P + y) * S + gx * P;
          out.set(image.subarray(row, row + P), o);
          o += P;
        }
      }
    }
  }
  return out;
}

/** One attention block's tensors to read back: each array as one tensor, or as one piece per head. */
interface AttentionTensors {
  /** q, k and v of every head, end to end in the trace's layout: [3, h, T, d] */
  qkvHeads: tf.Tensor;
  scores: tf.Tensor[];
  scaled: tf.Tensor[];
  attn: tf.Tensor[];
  context: tf.Tensor[];
  /** [T, D] the heads' outputs side by side, before the output projection */
  merged: tf.Tensor2D;
}

/** qkv [T, 3D] → [3h, T, d]: q of heads 0…h−1, then k, then v. */
function headMajor(qkv: tf.Tensor2D, h: number, d: number): tf.Tensor3D {
  const [T] = qkv.shape;
  return tf.transpose(tf.reshape(qkv, [T, 3 * h, d]), [1, 0, 2]);
}

/** Q·Kᵀ, ÷√d, softmax and A·V for all heads at once, from the fused projection qkv [T, 3D]. */
function attentionBatched(qkv: tf.Tensor2D, h: number, d: number): AttentionTensors {
  const [T] = qkv.shape;
  const qkvHeads = tf.reshape(headMajor(qkv, h, d), [3, h, T, d]);
  const [q, k, v] = tf.unstack(qkvHeads, 0) as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
  const scores = tf.matMul(q, k, false, true);
  const scaled = tf.mul(scores, 1 / Math.sqrt(d));
  const attn = tf.softmax(scaled);
  const context = tf.matMul(attn, v);
  const merged = tf.reshape(tf.transpose(context, [1, 0, 2]), [T, h * d]) as tf.Tensor2D;
  return { qkvHeads, scores: [scores], scaled: [scaled], attn: [attn], context: [context], merged };
}

/**
 * The same, one head at a time, with every product a plain 2-D one (Kᵀ comes pre-transposed).
 * Heads are picked with gather: on wasm, slice copies its whole input first.
 */
function attentionPerHead(qkv: tf.Tensor2D, h: number, d: number): AttentionTensors {
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
  const out: AttentionTensors = { qkvHeads, scores: [], scaled: [], attn: [], context: [], merged: qkv };
  for (const j of heads) {
    const scores = tf.matMul(pick(qkvHeads, j, [T, d]), pick(kT, j, [d, T]));
    const scaled = tf.mul(scores, 1 / Math.sqrt(d));
    const attn = tf.softmax(scaled);
    out.scores.push(scores);
    out.scaled.push(scaled);
    out.attn.push(attn);
    out.context.push(tf.matMul(attn, pick(qkvHeads, 2 * h + j, [T, d])));
  }
  out.merged = tf.concat(out.context, 1) as tf.Tensor2D;
  return out;
}

type ReadBack = tf.Tensor[];

/** Runs one image ([C, H, W], already preprocessed) and returns its full trace. */
export async function runTrace(model: VitModel, input: Float32Array, options: TraceOptions = {}): Promise<VitTrace> {
  const { config } = model;
  const { numTokens: T, headDim: d } = vitSizes(config);
  const D = config.hiddenSize;
  const h = config.numHeads;
  const S = config.imageSize;
  const eps = config.layerNormEps;
  if (input.length !== config.numChannels * S * S) {
    throw new Error(`input has ${input.length} values; the model wants [${config.numChannels}, ${S}, ${S}]`);
  }
  const plan = options.plan ?? kernelPlanFor(tf.getBackend());
  const attention = plan.perHeadAttention ? attentionPerHead : attentionBatched;

  const hasClassifier = model.classifier !== null;
  // Everything to read back, as groups of tensors whose data are joined end to end, in a fixed
  // order: the four whole-model arrays after the input, logits and probs when there is a classifier, then each
  // layer's arrays (q, k and v read as one).
  const groups: ReadBack[] = tf.tidy(() => {
    const P = config.patchSize;
    const patches = tf.tensor2d(patchRows(input, config.numChannels, S, P), [(S / P) ** 2, config.numChannels * P * P]);
    const patchTokens = linear(patches, model.patchEmbedding);
    let x: tf.Tensor2D = patchTokens;
    if (model.classToken) x = tf.concat([model.classToken, ...(model.distillationToken ? [model.distillationToken] : []), x], 0);
    if (model.positionEmbeddings) x = tf.add(x, model.positionEmbeddings);
    const embeddings = x;

    const layers: ReadBack[][] = model.layers.map((layer) => {
      const norm1 = layerNorm(x, layer.norm1, eps, plan);
      const qkv = linear(norm1, layer.qkv);
      const a = attention(qkv, h, d);
      const attnOut = linear(a.merged, layer.attnOutput);
      const residual1: tf.Tensor2D = tf.add(x, attnOut);
      const norm2 = layerNorm(residual1, layer.norm2, eps, plan);
      const mlpHidden = activate(linear(norm2, layer.fc1), config.activation);
      const out: tf.Tensor2D = tf.add(residual1, linear(mlpHidden, layer.fc2));
      x = out;
      return [[norm1], [a.qkvHeads], a.scores, a.scaled, a.attn, a.context, [attnOut], [residual1], [norm2], [mlpHidden], [out]];
    });

    const finalNorm = layerNorm(x, model.finalNorm, eps, plan);
    const pooled: tf.Tensor2D = config.pooling === 'cls' ? tf.slice(finalNorm, [0, 0], [1, D]) : tf.mean(finalNorm, 0, true);
    const head: ReadBack[] = [[patchTokens], [embeddings], [finalNorm], [pooled]];
    if (model.classifier) {
      // DeiT with a teacher: the mean of the [CLS] head and the distillation-token head, as Hugging Face does
      const logits = model.distillationClassifier
        ? tf.div(
            tf.add(linear(pooled, model.classifier), linear(tf.slice(finalNorm, [1, 0], [1, D]), model.distillationClassifier)),
            2,
          )
        : linear(pooled, model.classifier);
      head.push([logits], [tf.softmax(logits)]);
    }
    return [...head, ...layers.flat()];
  });

  try {
    const tensors = groups.flat();
    const arrays = await Promise.all(tensors.map((t) => t.data() as Promise<Float32Array>));
    let cursor = 0;
    const joined = (group: ReadBack): Float32Array => {
      if (group.length === 1) return arrays[cursor++]!;
      const out = new Float32Array(group.reduce((n, t) => n + t.size, 0));
      let offset = 0;
      for (const t of group) {
        out.set(arrays[cursor++]!, offset);
        offset += t.size;
      }
      return out;
    };
    let g = 0;
    const next = (shape?: number[]): Matrix => {
      const group = groups[g++]!;
      return { data: joined(group), shape: shape ?? group[0]!.shape.slice() };
    };
    const vector = (m: Matrix): Matrix => ({ data: m.data, shape: [m.data.length] });
    const inputMatrix: Matrix = { data: input.slice(), shape: [config.numChannels, S, S] };
    const patchTokens = next();
    const embeddings = next();
    const finalNorm = next();
    const pooled = vector(next());
    const logits = hasClassifier ? vector(next()) : null;
    const probs = hasClassifier ? vector(next()) : null;
    const layers = model.layers.map((): LayerTrace => {
      const norm1 = next();
      const qkv = next().data;
      const [q, k, v] = [0, 1, 2].map((p) => ({ data: qkv.subarray(p * h * T * d, (p + 1) * h * T * d), shape: [h, T, d] }));
      const layer = {
        norm1,
        q: q!,
        k: k!,
        v: v!,
        scores: next([h, T, T]),
        scaled: next([h, T, T]),
        attn: next([h, T, T]),
        context: next([h, T, d]),
        attnOut: next(),
        residual1: next(),
        norm2: next(),
        mlpHidden: next(),
        out: next(),
      };
      return layer satisfies Record<(typeof LAYER_KEYS)[number], Matrix>;
    });
    return { config, input: inputMatrix, patchTokens, embeddings, layers, finalNorm, pooled, logits, probs };
  } finally {
    tf.dispose(groups.flat());
  }
}
