/**
 * The forward pass of a ViT, recording every intermediate (see trace.ts), named after the stages
 * of the seed article: patchEmbedding → (+[CLS], +positions) → encoder blocks
 * (addNorm, qkv, scores, scaled, softmax, context, mlp) → final norm → pooling → classifier.
 *
 * The same numbers come out of three ways of computing them (see kernelPlan.ts): on wasm, ViT Lens's
 * own kernels (FUSED: whole-layer attention, fused dense layers and LayerNorm, split across worker
 * threads); on wasm without them (no SIMD), one attention head at a time with no broadcasting
 * (PER_HEAD), because there only a plain 2-D matrix product reaches XNNPACK's fast kernel; on
 * WebGL and cpu, few large batched kernels (BATCHED).
 */
import * as tf from '@tensorflow/tfjs-core';
import { vitSizes, type VitConfig } from './config';
import { kernelPlanFor, type KernelPlan } from './kernelPlan';
import { LAYER_KEYS, type LayerTrace, type Matrix, type VitTrace } from './trace';
import { layerArrayShapes } from './memoryEstimate';
import type { VitModel } from './vitModel';
import { tokenLayoutOf, type TokenLayout } from './tokenLayout';
import { bumpMemoryGeneration } from './memoryGeneration';
import { heapView } from './wasmKernels/tfjsKernels';
import { betweenLayers } from './betweenLayers';
import { readJoined } from './joinedReadback';
import { checkInput, classify, embed, layerNorm, linear, linearAndResidual, mlpHiddenLayer, tokenRow } from './ops';
import { blockAttention, maskHeads, type HeadMask } from './attentionOps';

export interface TraceOptions {
  /** how to lay out the kernels; by default the best plan for the current tfjs backend */
  plan?: KernelPlan;
  /** heads to switch off (see HeadMask); all on when absent */
  headMask?: HeadMask;
  /**
   * Leave the trace's arrays where the backend computed them (tfjs-wasm's memory, with ViT Lens's
   * kernels) instead of copying them out: a large part of a pass's time. The arrays stay valid until
   * releaseTrace(trace), which the caller must call when nothing reads them any more. Elsewhere the
   * arrays are copied as usual and releaseTrace does nothing.
   */
  zeroCopy?: boolean;
  /** checked between layers: an aborted pass stops there, frees what it made and throws the signal's reason */
  signal?: AbortSignal;
  /**
   * The layers whose heavy arrays (everything but `out`) are kept; the others keep only their
   * output, the next block's input, so runBlock can re-run any of them alone. All when absent.
   */
  recordLayers?: readonly number[];
}

const layouts = new WeakMap<VitConfig, TokenLayout>();
/** The token layout, made once per config and shared by every trace of that model. */
function layoutOf(config: VitConfig): TokenLayout {
  let layout = layouts.get(config);
  if (!layout) layouts.set(config, (layout = tokenLayoutOf(config)));
  return layout;
}

/** The tensors a zero-copy trace's arrays live in. */
const heldTensors = new WeakMap<VitTrace, tf.Tensor[]>();

/** Frees the memory of a trace made with zeroCopy; its arrays must not be read afterwards. */
export function releaseTrace(trace: VitTrace | null): void {
  const held = trace ? heldTensors.get(trace) : undefined;
  if (!held) return;
  heldTensors.delete(trace!);
  tf.dispose(held);
}

type ReadBack = tf.Tensor[];

function flatTensors(t: tf.TensorContainer): tf.Tensor[] {
  if (t instanceof tf.Tensor) return [t];
  if (Array.isArray(t)) return t.flatMap(flatTensors);
  if (t && typeof t === 'object' && !ArrayBuffer.isView(t)) return Object.values(t).flatMap(flatTensors);
  return [];
}

/** Runs one image ([C, H, W], already preprocessed) and returns its full trace. */
export async function runTrace(model: VitModel, input: Float32Array, options: TraceOptions = {}): Promise<VitTrace> {
  const { config } = model;
  const { numTokens: T, headDim: d } = vitSizes(config);
  const h = config.numHeads;
  const S = config.imageSize;
  const eps = config.layerNormEps;
  checkInput(config, input);
  const plan = options.plan ?? kernelPlanFor(tf.getBackend());

  const hasClassifier = model.classifier !== null;
  const recorded = options.recordLayers ? new Set(options.recordLayers) : null;
  // Everything to read back, as groups of tensors whose data are joined end to end, in a fixed
  // order: the four whole-model arrays after the input, logits and probs when there is a classifier, then each
  // layer's arrays (q, k and v read as one).
  // One tidy per layer, with a pause between layers (betweenLayers): the page (or the worker's
  // messages) stays responsive and a cancel stops the pass within a layer.
  const made: tf.Tensor[] = [];
  const kept = <T extends tf.TensorContainer>(t: T): T => {
    made.push(...(flatTensors(t) as tf.Tensor[]));
    return t;
  };
  let groups: ReadBack[];
  // the same tensors, chunked for a joined read-back: the whole-model arrays, then one chunk per layer
  let chunks: tf.Tensor[][];
  try {
    const { patchTokens, embeddings } = kept(tf.tidy(() => embed(model, input, plan)));
    let x: tf.Tensor2D = embeddings;
    const layers: ReadBack[][] = [];
    for (let l = 0; l < model.layers.length; l++) {
      await betweenLayers(options.signal);
      const record = !recorded || recorded.has(l);
      const groupsOfLayer = kept(
        tf.tidy(() => {
          const groups = layerGroups(model, x, l, options.headMask, plan);
          return record ? groups : [groups[OUT_GROUP]!];
        }),
      );
      x = groupsOfLayer[groupsOfLayer.length - 1]![0] as tf.Tensor2D;
      layers.push(groupsOfLayer);
    }
    await betweenLayers(options.signal);
    const last = x;
    const head: ReadBack[] = kept(
      tf.tidy(() => {
        const finalNorm = layerNorm(last, model.finalNorm, eps, plan);
        const pooled: tf.Tensor2D = config.pooling === 'cls' ? tokenRow(finalNorm, 0) : tf.mean(finalNorm, 0, true);
        const out: ReadBack[] = [[finalNorm], [pooled]];
        if (model.classifier) {
          const logits = classify(model, finalNorm, pooled, plan)!;
          out.push([logits], [tf.softmax(logits)]);
        }
        return out;
      }),
    );
    groups = [[patchTokens], [embeddings], ...head, ...layers.flat()];
    chunks = [[patchTokens, embeddings, ...head.flat()], ...layers.map((l) => l.flat())];
  } catch (e) {
    tf.dispose(made);
    throw e;
  }

  const tensors = groups.flat();
  // a group of one tensor can be read in place; groups of several are joined into a copy
  const views = options.zeroCopy ? groups.flatMap((g) => (g.length === 1 ? [heapView(g[0]!)] : g.map(() => null))) : [];
  const held = tensors.filter((_, i) => views[i]);
  try {
    const arrays = plan.joinedReadback
      ? await readJoined(chunks)
      : await Promise.all(tensors.map((t, i) => views[i] ?? (t.data() as Promise<Float32Array>)));
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
    const layers = model.layers.map((_, l): LayerTrace => {
      if (recorded && !recorded.has(l)) return unrecordedLayer(config, next());
      return layerFromGroups(next, h, T, d);
    });
    const trace: VitTrace = {
      config,
      layout: layoutOf(config),
      input: inputMatrix,
      patchTokens,
      embeddings,
      layers,
      finalNorm,
      pooled,
      logits,
      probs,
    };
    if (recorded) trace.recorded = model.layers.map((_, l) => recorded.has(l));
    if (held.length > 0) {
      heldTensors.set(trace, held);
      bumpMemoryGeneration(views.find((v) => v)!.buffer);
    }
    return trace;
  } catch (e) {
    tf.dispose(held);
    throw e;
  } finally {
    tf.dispose(tensors.filter((_, i) => !views[i]));
  }
}

/** The groups of one layer's arrays, in read-back order; the last is the block's output. */
function layerGroups(model: VitModel, x: tf.Tensor2D, l: number, headMask: HeadMask | undefined, plan: KernelPlan): ReadBack[] {
  const { config } = model;
  const { headDim: d } = vitSizes(config);
  const h = config.numHeads;
  const eps = config.layerNormEps;
  const layer = model.layers[l]!;
  const norm1 = layerNorm(x, layer.norm1, eps, plan, true);
  const a = blockAttention(norm1, layer, h, d, plan);
  const { y: attnOut, sum: residual1 } = linearAndResidual(maskHeads(a.merged, headMask, l, h, d), layer.attnOutput, x, plan);
  const norm2 = layerNorm(residual1, layer.norm2, eps, plan, true);
  const mlpHidden = mlpHiddenLayer(norm2, layer, config.activation, plan);
  const out = linear(mlpHidden, layer.fc2, { residual: residual1 }, plan);
  return [[norm1], a.qkvHeads, a.scores, a.scaled, a.attn, a.context, [attnOut], [residual1], [norm2], [mlpHidden], [out]];
}
const OUT_GROUP = 10;

/** One layer's trace from its groups, read in order by `next`. */
function layerFromGroups(next: (shape?: number[]) => Matrix, h: number, T: number, d: number): LayerTrace {
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
}

/** A layer not recorded: its output (the next block's input) and, for the rest, empty arrays of the right shapes. */
function unrecordedLayer(config: VitConfig, out: Matrix): LayerTrace {
  const shapes = layerArrayShapes(config);
  const empty = (key: keyof LayerTrace): Matrix => ({ data: new Float32Array(0), shape: shapes[key] });
  const layer = Object.fromEntries(LAYER_KEYS.map((key) => [key, empty(key)])) as unknown as LayerTrace;
  layer.out = out;
  return layer;
}

/**
 * Runs encoder block `l` alone from its input (the embeddings for block 0, else block l − 1's
 * output) and returns that layer's full arrays, equal to a full trace's: the re-run of a layer a
 * partial trace did not record. The arrays are copies the caller owns.
 */
export { blockInputOf } from './partialTrace';

export async function runBlock(
  model: VitModel,
  l: number,
  blockInput: Float32Array,
  options: { plan?: KernelPlan; headMask?: HeadMask } = {},
): Promise<LayerTrace> {
  const { config } = model;
  const { numTokens: T, headDim: d } = vitSizes(config);
  if (!Number.isInteger(l) || l < 0 || l >= model.layers.length)
    throw new Error(`no layer ${l}: the model has ${model.layers.length}`);
  if (blockInput.length !== T * config.hiddenSize)
    throw new Error(`a block's input is ${T} × ${config.hiddenSize}, not ${blockInput.length} numbers`);
  const plan = options.plan ?? kernelPlanFor(tf.getBackend());
  const groups = tf.tidy(() => layerGroups(model, tf.tensor2d(blockInput, [T, config.hiddenSize]), l, options.headMask, plan));
  try {
    const tensors = groups.flat();
    const arrays = await Promise.all(tensors.map(async (t) => (await t.data()) as Float32Array));
    let cursor = 0;
    let g = 0;
    const next = (shape?: number[]): Matrix => {
      const group = groups[g++]!;
      const parts = group.map(() => arrays[cursor++]!);
      const data = parts.length === 1 ? parts[0]! : new Float32Array(parts.reduce((n, a) => n + a.length, 0));
      if (parts.length > 1) parts.reduce((offset, a) => (data.set(a, offset), offset + a.length), 0);
      return { data, shape: shape ?? group[0]!.shape.slice() };
    };
    return layerFromGroups(next, config.numHeads, T, d);
  } finally {
    tf.dispose(groups.flat());
  }
}

