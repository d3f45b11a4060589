/**
 * The in-browser half of `npm run bench`: builds a ViT with random weights and real shapes on a
 * backend, then times forward passes that record the full trace. Driven by bench/run-bench.mjs.
 */
import * as tf from '@tensorflow/tfjs-core';
import { parseVitConfig } from '../model/config';
import { releaseTrace, runTrace } from '../model/forward';
import { BATCHED, PER_HEAD } from '../model/kernelPlan';
import { traceBytes } from '../model/trace';
import { createVitModel, disposeVitModel } from '../model/vitModel';
import { chooseBackend, type BackendName } from '../platform/backend';
import { readbackCost } from './readbackCost';
import { vitKernelsReady } from '../model/wasmKernels/tfjsKernels';
import { randomVitWeights } from '../model/randomWeights';
import { compareResampling } from './resamplingCheck';
import { benchAnalyses } from './analysisBench';
import { raceOrt } from './raceOrt';
import { profileTrace } from './profileTrace';
import { prepareRepeat, repeatTrace } from './repeatTrace';
import { soak } from './soak';
import { longTasks } from './longTasks';
import { threadScaling } from './threadScaling';

export interface BenchRequest {
  /** a Hugging Face config.json, as an object */
  config: Record<string, unknown>;
  numClasses: number;
  backend: BackendName;
  warmRuns: number;
  /** stop repeating warm runs once this many seconds are spent */
  budgetSeconds: number;
  /** force a kernel plan instead of the backend's own */
  plan?: 'batched' | 'per-head';
  /** on wasm, ViT Lens's own kernels (default true); false times tfjs-wasm's kernels (use a fresh page) */
  vitKernels?: boolean;
  /** a pause before each warm run, as the race leaves between runs (its workers go to sleep meanwhile) */
  pauseMs?: number;
}

export interface BenchResult {
  backend: string;
  backendDetail: string;
  coldMs: number;
  warmMs: number[];
  traceMB: number;
  weightsMB: number;
  tensorsLeaked: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
};

async function runBench(request: BenchRequest): Promise<BenchResult> {
  const info = await chooseBackend(request.backend, { vitKernels: request.vitKernels ?? true });
  await vitKernelsReady(); // time with every thread
  if (info.name !== request.backend) throw new Error(`${request.backend} is not available here (${info.reason})`);
  const config = parseVitConfig(JSON.stringify(request.config));
  const before = tf.memory().numTensors;
  const model = createVitModel(config, randomVitWeights(config, request.numClasses));
  const weightsMB = tf.memory().numBytes / 2 ** 20;
  const input = new Float32Array(config.numChannels * config.imageSize * config.imageSize).map((_, i) => Math.sin(i) * 0.9);
  try {
    let start = performance.now();
    const options = request.plan ? { plan: request.plan === 'batched' ? BATCHED : PER_HEAD } : {};
    // as the page does: the trace stays in tfjs's memory until released
    const first = await runTrace(model, input, { ...options, zeroCopy: true });
    const coldMs = performance.now() - start;
    const traceMB = traceBytes(first) / 2 ** 20;
    releaseTrace(first);
    const warmMs: number[] = [];
    const began = performance.now();
    for (let i = 0; i < request.warmRuns; i++) {
      if (request.pauseMs) await new Promise((resolve) => setTimeout(resolve, request.pauseMs));
      start = performance.now();
      releaseTrace(await runTrace(model, input, { ...options, zeroCopy: true }));
      warmMs.push(performance.now() - start);
      if ((performance.now() - began) / 1000 > request.budgetSeconds) break;
    }
    return { backend: info.name, backendDetail: info.detail, coldMs, warmMs, traceMB, weightsMB, tensorsLeaked: 0 };
  } finally {
    disposeVitModel(model);
    const leaked = tf.memory().numTensors - before;
    if (leaked !== 0) console.warn(`bench: ${leaked} tensors leaked`);
  }
}

declare global {
  interface Window {
    vitBench: {
      run: (request: BenchRequest) => Promise<BenchResult>;
      readback: typeof readbackCost;
      startupMs: typeof startupMs;
      median: typeof median;
      resampling: typeof compareResampling;
      analyses: typeof benchAnalyses;
      raceOrt: typeof raceOrt;
      profile: typeof profileTrace;
      prepareRepeat: typeof prepareRepeat;
      repeatTrace: typeof repeatTrace;
      soak: typeof soak;
      longTasks: typeof longTasks;
      threadScaling: typeof threadScaling;
    };
  }
}

/** How long choosing a backend takes in a fresh page (engine start, for page-open tuning). */
async function startupMs(backend: BackendName): Promise<{ chooseMs: number; kernelsReadyMs: number; detail: string }> {
  const start = performance.now();
  const info = await chooseBackend(backend);
  const chooseMs = performance.now() - start;
  await vitKernelsReady();
  return { chooseMs, kernelsReadyMs: performance.now() - start, detail: info.detail };
}

window.vitBench = {
  run: runBench,
  readback: readbackCost,
  startupMs,
  median,
  resampling: compareResampling,
  raceOrt,
  profile: profileTrace,
  prepareRepeat,
  repeatTrace,
  soak,
  longTasks,
  analyses: benchAnalyses,
  threadScaling,
};
document.getElementById('log')!.textContent = 'ready';
