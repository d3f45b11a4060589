/**
 * Times each analysis of the Analyses section on a model with random weights and real shapes
 * (`node bench/run-analyses.mjs`): the same functions the panels call, on one traced image.
 */
import * as tf from '@tensorflow/tfjs-core';
import { parseVitConfig } from '../model/config';
import { runTrace } from '../model/forward';
import { randomVitWeights } from '../model/randomWeights';
import { createVitModel, disposeVitModel } from '../model/vitModel';
import {
  attentionGradients,
  fusedBackwardFits,
  tfjsAttentionGradients,
  type AttentionGradients,
} from '../model/attentionGradients';
import { BATCHED } from '../model/kernelPlan';
import { backwardKernelsReady } from '../model/wasmKernels/backwardTfjsKernels';
import type { VitModel } from '../model/vitModel';
import { runAttention, tensorPassByLayer } from '../model/tensorForward';
import { batchLogitsByLayer, defaultBatchSize, runLogits } from '../model/batchedLogitsPass';
import { readPatchFilters, readReadout } from '../model/weightArrays';
import { chooseBackend, type BackendName } from '../platform/backend';
import { vitKernelsReady } from '../model/wasmKernels/tfjsKernels';
import { rolloutImageRow } from '../analysis/rollout';
import { distancesByLayer } from '../analysis/attentionDistance';
import { cosineSimilarity, patchPositionEmbeddings } from '../analysis/positionSimilarity';
import { filterComponents } from '../analysis/patchFilters';
import { jointQueryKey, pcaLayout, umapLayout } from '../analysis/qkSpace';
import { allHeadsOn, compareProbabilities } from '../analysis/ablation';
import { softmax } from '../analysis/softmax';
import { gradientImageRow } from '../analysis/classMap';
import { featureRgb, rowNorms } from '../analysis/tokenFeatures';
import { logitLens, patchLogitLens } from '../analysis/logitLens';
import { curveOrders, curvePoints, faithfulnessCurves, IMAGES_PER_CALL, maskPatches } from '../analysis/faithfulness';

export interface AnalysisBenchRequest {
  config: Record<string, unknown>;
  numClasses: number;
  backend: BackendName;
  /** run all the faithfulness passes rather than timing a batch and multiplying */
  fullCurves: boolean;
  /** the curves' steps (the panel's default: 16) */
  steps: number;
  /** also time the class map by tfjs's gradients (the path before the backward kernels; ~1 min on ViT-B) */
  classMapBefore?: boolean;
  /** rounds of the class map against the forward pass, alternating (default 3) */
  classMapRounds?: number;
  /** only what issue 18's goals need (`npm run bench`): the class map (7) and the curves (10) */
  goalsOnly?: boolean;
}

export interface AnalysisTiming {
  name: string;
  ms: number;
  note: string;
}

export async function benchAnalyses(
  request: AnalysisBenchRequest,
): Promise<{ backend: string; traceMs: number; timings: AnalysisTiming[] }> {
  const info = await chooseBackend(request.backend);
  await vitKernelsReady(); // time with every thread
  if (info.name !== request.backend) throw new Error(`${request.backend} is not available here (${info.reason})`);
  const config = parseVitConfig(JSON.stringify(request.config));
  const model = createVitModel(config, randomVitWeights(config, request.numClasses));
  const d = config.hiddenSize / config.numHeads;
  const h = config.numHeads;
  const L = config.numLayers;
  const D = config.hiddenSize;
  const input = new Float32Array(config.numChannels * config.imageSize ** 2).map((_, i) => Math.sin(i) * 0.9);
  const timings: AnalysisTiming[] = [];
  const time = async <T>(name: string, note: string, work: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    const value = await work();
    timings.push({ name, ms: performance.now() - start, note });
    return value;
  };
  try {
    await runTrace(model, input); // warm-up: shaders, kernels
    let start = performance.now();
    const trace = await runTrace(model, input);
    const traceMs = performance.now() - start;
    const attn = trace.layers.map((l) => l.attn.data);
    const { layout } = trace;
    const { numTokens: T, numPatches: N } = layout;

    // rows 1–6 and 8–9: the other analyses (skipped by goalsOnly)
    const otherAnalyses = async () => {
      await time('1. attention rollout', 'mean fusion, all layers', () =>
        rolloutImageRow(attn, h, layout, { fusion: 'mean', discardRatio: 0, upToLayer: L - 1 }),
      );
      await time('1. attention rollout', 'discard 90%', () =>
        rolloutImageRow(attn, h, layout, { fusion: 'max', discardRatio: 0.9, upToLayer: L - 1 }),
      );
      await time('2. mean attention distance', 'this image', () => distancesByLayer(attn, h, layout, config.patchSize));
      await runAttention(model, input);
      await time('2. mean attention distance', 'per gallery image (one attention pass); the gallery has 30', () =>
        runAttention(model, input),
      );
      await time('3. position-embedding similarity', '', () => cosineSimilarity(patchPositionEmbeddings(trace)!, N, D));
      await time('4. patch-embedding filters', '16 components (once per model)', async () => {
        const f = await readPatchFilters(model);
        return filterComponents(f.data, D, config.numChannels, config.patchSize, 16);
      });
      const joint = jointQueryKey(trace.layers[L - 1]!.q.data, trace.layers[L - 1]!.k.data, 0, T, d);
      await time('5. joint query/key space', 'PCA', () => pcaLayout(joint, 2 * T, d));
      await time('5. joint query/key space', 'UMAP (umap-js)', () => umapLayout(joint, 2 * T, d));
      const mask = allHeadsOn(L, h);
      mask[0]![0] = 0;
      await runLogits(model, [input], { headMask: mask });
      await time('6. head ablation', 'one re-run with a head mask', async () => {
        const [logits] = await runLogits(model, [input], { headMask: mask });
        return compareProbabilities(trace.probs!.data, softmax(logits!), config.labels, 5);
      });
    };
    const laterAnalyses = async () => {
      await time('8. token norms + feature PCA', 'last layer', () => {
        const out = trace.layers[L - 1]!.out.data;
        rowNorms(out, T, D);
        return featureRgb(out, layout, D);
      });
      await time('9. logit lens', 'pooled token at every depth + every patch at one depth', async () => {
        const w = (await readReadout(model))!;
        logitLens(trace, w);
        return patchLogitLens(trace, w, L);
      });
    };

    if (!request.goalsOnly) await otherAnalyses();
    let gradients: Awaited<ReturnType<typeof attentionGradients>> | null = null;
    await timeClassMap(request, model, input, timings, (g) => {
      gradients = g;
      return gradientImageRow(g.attention, g.gradients, h, layout);
    });
    if (!request.goalsOnly) await laterAnalyses();
    const geometry = { channels: config.numChannels, size: config.imageSize, patchSize: config.patchSize };
    const batch = defaultBatchSize(config);
    const gradientMs = timings.find((t) => t.name.startsWith('7.'))!.ms;
    const target = '(goal: ≤ 30 s on ViT-B at 16 steps)';
    // the curves' own images: the four orderings (the class map from row 7's gradients), each distinct point once
    const engine = {
      logits: (inputs: Float32Array[]) => runLogits(model, inputs),
      gradients: async () => gradients!,
    };
    const options = { classIndex: 0, steps: request.steps, layer: L - 1, head: 0 };
    const { unique } = curvePoints(await curveOrders(trace, engine, options), request.steps);
    const passes = unique.length;
    // before (every row of every image through every layer, as until issue 18) against after (layer 0's
    // shared rows once, the last block on the classifier's rows), in turn on one call's images (as the
    // panel sends them), the best of two rounds each: other work on the machine moves single runs
    const images = unique.slice(0, IMAGES_PER_CALL).map((keep) => maskPatches(input, geometry, keep));
    await runLogits(model, images.slice(0, batch)); // warm-up: the batch's memory
    const perImage = async (pass: () => Promise<unknown>, count = images.length) => {
      const t = performance.now();
      await pass();
      return (performance.now() - t) / count;
    };
    let [singleMs, beforeMs, afterMs] = [Infinity, Infinity, Infinity];
    for (let round = 0; round < 2; round++) {
      singleMs = Math.min(
        singleMs,
        await perImage(async () => {
          for (const image of images.slice(0, batch))
            (await tensorPassByLayer(model, image, { recordAttention: false })).logits?.dispose();
        }, batch),
      );
      beforeMs = Math.min(beforeMs, await perImage(() => runLogits(model, images, { allRows: true })));
      afterMs = Math.min(afterMs, await perImage(() => runLogits(model, images)));
    }
    const how = (ms: number) => `${passes} distinct images (${request.steps} steps) at ${ms.toFixed(0)} ms each`;
    timings.push(
      { name: '10. curves: logits, one image a pass', ms: singleMs * passes, note: `${how(singleMs)} (best of 2 × ${batch})` },
      {
        name: '10. curves: logits, batched, every row',
        ms: beforeMs * passes,
        note: `${how(beforeMs)} (best of 2 × ${images.length}, batches of ${batch}): before issue 18 goal 4`,
      },
      {
        name: '10. curves: logits, batched, shared rows',
        ms: afterMs * passes,
        note: `${how(afterMs)}: layer 0's shared rows once, the last block on [CLS] only ${target}`,
      },
      {
        name: '10. deletion/insertion curves',
        ms: afterMs * passes + gradientMs,
        note: `the logits (shared rows) + the class map (row 7) ${target}`,
      },
    );
    if (request.fullCurves) {
      let logitsMs = 0;
      const timed = {
        ...engine,
        logits: async (inputs: Float32Array[]) => {
          const t = performance.now();
          const out = await runLogits(model, inputs);
          logitsMs += performance.now() - t;
          return out;
        },
      };
      const curvesMs = await perImage(() => faithfulnessCurves(trace, timed, options), 1);
      timings.push(
        { name: '10. curves, all run: logits', ms: logitsMs, note: `${passes} distinct images, every one run ${target}` },
        { name: '10. curves, all run: total', ms: curvesMs + gradientMs, note: `the curves + the class map (row 7) ${target}` },
      );
    }
    // where a batched pass spends its time, kernel by kernel
    const profile = await tf.profile(async () => (await batchLogitsByLayer(model, images.slice(0, batch))).dispose());
    const byKernel = new Map<string, number>();
    for (const k of profile.kernels)
      byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + (typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0));
    [...byKernel]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .forEach(([kernel, ms]) =>
        timings.push({ name: `10. profile: ${kernel}`, ms, note: `one batched pass of ${batch} images` }),
      );
    return { backend: info.detail, traceMs, timings };
  } finally {
    disposeVitModel(model);
    if (tf.memory().numTensors > 0) console.warn(`bench: ${tf.memory().numTensors} tensors left`);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** max |a − b| over every layer's ∂ logit / ∂ attention, relative to the largest |b| */
function gradientGap(a: AttentionGradients, b: AttentionGradients): string {
  let gap = 0;
  let scale = 0;
  b.gradients.forEach((layer, l) =>
    layer.forEach((value, i) => {
      gap = Math.max(gap, Math.abs(value - a.gradients[l]![i]!));
      scale = Math.max(scale, Math.abs(value));
    }),
  );
  return `${gap.toExponential(1)} (${(gap / scale).toExponential(1)} of the largest)`;
}

/**
 * 7. The class map (∂ logit / ∂ attention, then the relevance rollout) against the forward pass with
 * full trace, timed in turn, round after round (other work on the machine moves single runs), the
 * medians kept; with classMapBefore, tfjs's gradients too, in the same rounds. Target: ≤ 3× the forward.
 */
async function timeClassMap<Map>(
  request: AnalysisBenchRequest,
  model: VitModel,
  input: Float32Array,
  timings: AnalysisTiming[],
  rollout: (g: AttentionGradients) => Map,
): Promise<Map> {
  const fused = fusedBackwardFits(model);
  await attentionGradients(model, input, 0); // warm-up: fetches and starts the backward kernels
  await backwardKernelsReady();
  const forward: number[] = [];
  const classMap: number[] = [];
  const before: number[] = [];
  let map: Map | undefined;
  let fusedGradients: AttentionGradients | null = null;
  let tfjsGradients: AttentionGradients | null = null;
  const timed = async (into: number[], work: () => Promise<unknown>) => {
    const start = performance.now();
    await work();
    into.push(performance.now() - start);
  };
  for (let round = 0; round < (request.classMapRounds ?? 3); round++) {
    await timed(forward, () => runTrace(model, input));
    await timed(classMap, async () => (map = rollout((fusedGradients = await attentionGradients(model, input, 0)))));
    if (request.classMapBefore) await timed(before, async () => (tfjsGradients = await tfjsAttentionGradients(model, input, 0, BATCHED)));
  }
  const [forwardMs, classMapMs] = [median(forward), median(classMap)];
  const how = fused ? 'explicit backward pass on ViT Lens’s kernels' : 'tfjs gradients';
  timings.push({
    name: '7. class-specific map',
    ms: classMapMs,
    note: `forward + backward (${how}), then the relevance rollout: ${(classMapMs / forwardMs).toFixed(2)}× the forward pass (target ≤ 3×); median of ${classMap.length}, alternating with the forward`,
  });
  timings.push({
    name: '7. class map: the forward pass',
    ms: forwardMs,
    note: `with full trace, in the same rounds (median of ${forward.length})`,
  });
  if (before.length > 0)
    timings.push({
      name: '7. class map before: tfjs gradients',
      ms: median(before),
      note: `∂ logit / ∂ attention by tfjs's automatic differentiation, in the same rounds: ${(median(before) / forwardMs).toFixed(1)}× the forward pass; largest difference from the class map's gradients ${gradientGap(fusedGradients!, tfjsGradients!)}`,
    });
  return map!;
}
