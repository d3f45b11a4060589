/**
 * A plain loop of traced forward passes (zero-copy, as the race runs them), for a CPU profile of the
 * page thread around them (bench/profile-trace.mjs): where a pass's time goes outside the kernels.
 */
import { parseVitConfig } from '../model/config';
import { releaseTrace, runTrace } from '../model/forward';
import { randomVitWeights } from '../model/randomWeights';
import { createVitModel, disposeVitModel, type VitModel } from '../model/vitModel';
import { chooseBackend } from '../platform/backend';
import { vitKernelsReady } from '../model/wasmKernels/tfjsKernels';
import type { BenchRequest } from './benchMain';

let model: VitModel | null = null;
let input = new Float32Array();

/** Loads the request's model (random weights) and runs it once; call before profiling. */
export async function prepareRepeat(request: BenchRequest): Promise<void> {
  await chooseBackend(request.backend);
  await vitKernelsReady();
  if (model) disposeVitModel(model);
  const config = parseVitConfig(JSON.stringify(request.config));
  model = createVitModel(config, randomVitWeights(config, request.numClasses));
  input = new Float32Array(config.numChannels * config.imageSize * config.imageSize).map((_, i) => Math.sin(i) * 0.9);
  await repeatTrace(1);
}

/** Runs `runs` passes, 50 ms apart (as the race does); returns each one's milliseconds. */
export async function repeatTrace(runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const start = performance.now();
    releaseTrace(await runTrace(model!, input, { zeroCopy: true }));
    times.push(performance.now() - start);
  }
  return times;
}
