/**
 * How long the page's main thread is blocked while the engine works, for `npm run bench`: a
 * PerformanceObserver for 'longtask' entries (tasks over 50 ms) during a traced forward pass, the
 * class map (attention gradients) and a run of the deletion/insertion curves' passes, each beside
 * its engine time. The worst task is what a user feels as a frozen page.
 */
import * as tf from '@tensorflow/tfjs-core';
import { parseVitConfig } from '../model/config';
import { releaseTrace, runTrace } from '../model/forward';
import { attentionGradients } from '../model/attentionGradients';
import { runLogits } from '../model/tensorForward';
import { randomVitWeights } from '../model/randomWeights';
import { createVitModel, disposeVitModel, type VitModel } from '../model/vitModel';
import { chooseBackend } from '../platform/backend';
import { vitKernelsReady } from '../model/wasmKernels/tfjsKernels';
import type { BenchRequest } from './benchMain';

export interface LongTaskRow {
  computation: string;
  engineMs: number;
  /** the longest main-thread task, ms (0: none over 50 ms) */
  longestTaskMs: number;
  longTasks: number;
}

/** Runs `work` while recording long tasks; their entries arrive after the task ends, hence the wait. */
async function observed(computation: string, work: () => Promise<void>): Promise<LongTaskRow> {
  const durations: number[] = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => durations.push(e.duration)));
  observer.observe({ type: 'longtask', buffered: false });
  const start = performance.now();
  await work();
  const engineMs = performance.now() - start;
  await new Promise((resolve) => setTimeout(resolve, 100));
  durations.push(...observer.takeRecords().map((e) => e.duration));
  observer.disconnect();
  return { computation, engineMs, longestTaskMs: Math.max(0, ...durations), longTasks: durations.length };
}

export async function longTasks(request: BenchRequest & { curvePasses: number }): Promise<LongTaskRow[]> {
  const info = await chooseBackend(request.backend);
  await vitKernelsReady();
  if (info.name !== request.backend) throw new Error(`${request.backend} is not available here (${info.reason})`);
  const config = parseVitConfig(JSON.stringify(request.config));
  const before = tf.memory().numTensors;
  const model: VitModel = createVitModel(config, randomVitWeights(config, request.numClasses));
  const input = new Float32Array(config.numChannels * config.imageSize * config.imageSize).map((_, i) => Math.sin(i) * 0.9);
  try {
    // warm: the first pass compiles and allocates
    releaseTrace(await runTrace(model, input, { zeroCopy: true }));
    const rows = [await observed('forward pass (full trace)', async () => releaseTrace(await runTrace(model, input, { zeroCopy: true })))];
    rows.push(await observed('class map (attention gradients)', async () => void (await attentionGradients(model, input, 1))));
    const inputs = Array.from({ length: request.curvePasses }, () => input);
    rows.push(await observed(`deletion/insertion curves, ${request.curvePasses} passes`, async () => void (await runLogits(model, inputs))));
    return rows;
  } finally {
    disposeVitModel(model);
    const leaked = tf.memory().numTensors - before;
    if (leaked > 0) console.warn(`long-task bench: ${leaked} tensors leaked`);
  }
}
