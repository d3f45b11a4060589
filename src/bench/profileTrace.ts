/**
 * Where a traced forward pass spends its time, kernel by kernel (tf.profile), for tuning the engine.
 * `window.vitBench.profile(request)` from the bench page; not part of the page users see.
 */
import * as tf from '@tensorflow/tfjs-core';
import { parseVitConfig } from '../model/config';
import { runTrace } from '../model/forward';
import { randomVitWeights } from '../model/randomWeights';
import { createVitModel, disposeVitModel } from '../model/vitModel';
import { chooseBackend } from '../platform/backend';
import { vitKernelsReady } from '../model/wasmKernels/tfjsKernels';
import type { BenchRequest } from './benchMain';

export interface KernelShare {
  kernel: string;
  calls: number;
  ms: number;
}

export async function profileTrace(request: BenchRequest): Promise<{ wallMs: number; kernelMs: number; kernels: KernelShare[] }> {
  await chooseBackend(request.backend);
  await vitKernelsReady(); // time with every thread
  const config = parseVitConfig(JSON.stringify(request.config));
  const model = createVitModel(config, randomVitWeights(config, request.numClasses));
  const input = new Float32Array(config.numChannels * config.imageSize * config.imageSize).map((_, i) => Math.sin(i) * 0.9);
  try {
    await runTrace(model, input); // warm-up
    const start = performance.now();
    const info = await tf.profile(() => runTrace(model, input) as unknown as tf.TensorContainer);
    const wallMs = performance.now() - start;
    const byKernel = new Map<string, KernelShare>();
    for (const k of info.kernels) {
      const name = `${k.name} ${k.inputShapes.map((shape) => `[${shape?.join(',')}]`).join('×')}`;
      const entry = byKernel.get(name) ?? { kernel: name, calls: 0, ms: 0 };
      entry.calls++;
      entry.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
      byKernel.set(name, entry);
    }
    const kernels = [...byKernel.values()].sort((a, b) => b.ms - a.ms);
    return { wallMs, kernelMs: kernels.reduce((s, k) => s + k.ms, 0), kernels };
  } finally {
    disposeVitModel(model);
  }
}
