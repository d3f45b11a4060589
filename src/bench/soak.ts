/**
 * Memory over many traced runs, for `npm run bench`: tfjs's tensor count and bytes and the page's
 * JavaScript heap after each run, while only the latest trace is kept (as the page keeps it).
 */
import * as tf from '@tensorflow/tfjs-core';
import { parseVitConfig } from '../model/config';
import { releaseTrace, runTrace } from '../model/forward';
import { randomVitWeights } from '../model/randomWeights';
import { traceBytes, type VitTrace } from '../model/trace';
import { createVitModel, disposeVitModel } from '../model/vitModel';
import { chooseBackend } from '../platform/backend';
import { vitKernelsReady } from '../model/wasmKernels/tfjsKernels';
import type { BenchRequest } from './benchMain';

export interface SoakSample {
  run: number;
  numTensors: number;
  tfMB: number;
  /** Chrome's performance.memory; null elsewhere */
  heapMB: number | null;
}

const heapMB = () => {
  const memory = (performance as { memory?: { usedJSHeapSize: number } }).memory;
  return memory ? memory.usedJSHeapSize / 2 ** 20 : null;
};

export async function soak(request: BenchRequest & { runs: number }): Promise<{ traceMB: number; samples: SoakSample[] }> {
  await chooseBackend(request.backend);
  await vitKernelsReady(); // time with every thread
  const config = parseVitConfig(JSON.stringify(request.config));
  const model = createVitModel(config, randomVitWeights(config, request.numClasses));
  const input = new Float32Array(config.numChannels * config.imageSize * config.imageSize).map((_, i) => Math.sin(i) * 0.9);
  const samples: SoakSample[] = [];
  let held: VitTrace | null = null;
  try {
    for (let run = 1; run <= request.runs; run++) {
      // as the page does: the new trace replaces the one held, which is released
      const next = await runTrace(model, input, { zeroCopy: true });
      releaseTrace(held);
      held = next;
      if (run === 1 || run % 10 === 0) {
        (globalThis as { gc?: () => void }).gc?.(); // with --js-flags=--expose-gc, a settled heap
        const m = tf.memory();
        samples.push({ run, numTensors: m.numTensors, tfMB: m.numBytes / 2 ** 20, heapMB: heapMB() });
      }
    }
    return { traceMB: held ? traceBytes(held) / 2 ** 20 : 0, samples };
  } finally {
    releaseTrace(held);
    disposeVitModel(model);
  }
}
