/**
 * Big models' time and memory in Node on tfjs-wasm with ViT Lens's kernels (the page's engine):
 * `npm run bench:big` (skipped in the unit tests: it needs ~4 GB and minutes). For ViT-L/16-384 and ViT-H/14 shapes, random
 * weights: weights MB, first (partial) trace time, held trace MB vs full, one block re-run, wasm memory.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { it } from 'vitest';
import { parseVitConfig } from '../model/config';
import { randomVitWeights } from '../model/randomWeights';
import { createVitModel, disposeVitModel } from '../model/vitModel';
import { blockInputOf, releaseTrace, runBlock, runTrace } from '../model/forward';
import { estimateMemory } from '../model/memoryEstimate';
import { recordLayersFor } from '../model/partialTrace';
import { traceBytes } from '../model/trace';
import { startVitKernels } from '../model/wasmKernels/tfjsKernels';
import { PRESETS } from '../app/presets';

const MB = 1e6;
it.skipIf(!process.env.VITLENS_BENCH_BIG)('big models: time and memory', { timeout: 1_200_000 }, async () => {
  await tf.setBackend('wasm');
  await startVitKernels();
  const rows: string[] = [];
  for (const id of ['random-vit-l-384', 'random-vit-h-14']) {
    const preset = PRESETS[id]!;
    const config = parseVitConfig(JSON.stringify(preset.config), preset.title);
    const model = createVitModel(config, randomVitWeights(config, preset.numClasses));
    const weights = estimateMemory(config, preset.numClasses).weightsBytes;
    const input = new Float32Array(3 * config.imageSize ** 2).map((_, i) => Math.sin(i));
    const record = recordLayersFor(config, preset.numClasses, 'auto', 0);
    let start = performance.now();
    const trace = await runTrace(model, input, { recordLayers: record, zeroCopy: true });
    const first = performance.now() - start;
    const held = traceBytes(trace);
    const full = estimateMemory(config, preset.numClasses).fullTraceBytes;
    const blocks: number[] = [];
    for (const l of [5, 11, config.numLayers - 1]) {
      start = performance.now();
      await runBlock(model, l, blockInputOf(trace, l));
      blocks.push(performance.now() - start);
    }
    const wasmMemory = (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.byteLength;
    rows.push(
      `${id}: weights ${(weights / MB).toFixed(0)} MB, recorded ${JSON.stringify(record)}, first trace ${(first / 1000).toFixed(1)} s, ` +
        `trace held ${(held / MB).toFixed(0)} MB (full ${(full / MB).toFixed(0)} MB), block re-run ${blocks.map((b) => b.toFixed(0)).join('/')} ms, ` +
        `wasm memory ${(wasmMemory / 2 ** 20).toFixed(0)}/4096 MiB`,
    );
    releaseTrace(trace);
    disposeVitModel(model);
    console.log(rows[rows.length - 1]);
  }
  console.log(rows.join('\n'));
});
