/**
 * The curves computed the new way (distinct masked images once, several to a batched pass) equal
 * today's way (every point of every curve through its own single-image pass) on the default model,
 * on ViT Lens's wasm kernels: the same AUCs to 1e-4.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadVit } from '../model/loadVit';
import { runTrace } from '../model/forward';
import { tensorPassByLayer } from '../model/tensorForward';
import { runLogits } from '../model/batchedLogitsPass';
import { attentionGradients } from '../model/attentionGradients';
import { disposeVitModel, type VitModel } from '../model/vitModel';
import { startVitKernels } from '../model/wasmKernels/tfjsKernels';
import { areaUnderCurve, curveFractions, curveInputs, curveOrders, faithfulnessCurves, type CurveKind } from './faithfulness';
import { softmax } from './softmax';

const root = new URL('../../', import.meta.url);
const file = (path: string) => {
  const bytes = readFileSync(new URL(path, root));
  return {
    name: path.split('/').pop()!,
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  };
};

let model: VitModel;
beforeAll(async () => {
  await tf.setBackend('wasm');
  await startVitKernels();
  ({ model } = await loadVit(
    ['config.json', 'model.safetensors', 'preprocessor_config.json'].map((f) => file(`public/models/default/${f}`)),
  ));
});
afterAll(async () => {
  disposeVitModel(model);
  await tf.setBackend('cpu');
});

it('the default model’s curves at 16 steps: the same AUCs (≤ 1e-4) as one single-image pass per point, fewer passes', async () => {
  const raw = readFileSync(new URL('training/fixtures/default_heldout_inputs.f32', root));
  const { imageSize: S, numChannels: C } = model.config;
  const input = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + C * S * S * 4));
  const trace = await runTrace(model, input);
  const probs = Array.from(trace.probs!.data);
  const classIndex = probs.indexOf(Math.max(...probs));
  const options = { classIndex, steps: 16, layer: 2, head: 1 };
  let passes = 0;
  const engine = {
    logits: async (inputs: Float32Array[], o?: { signal?: AbortSignal; onProgress?: (f: number) => void }) => {
      passes += inputs.length;
      return runLogits(model, inputs, { signal: o?.signal, onProgress: (done) => o?.onProgress?.(done / inputs.length) });
    },
    gradients: async (image: Float32Array, c: number) => attentionGradients(model, image, c),
  };
  const before = tf.memory().numTensors;
  const fresh = await faithfulnessCurves(trace, engine, options);
  expect(tf.memory().numTensors).toBe(before);
  expect(passes).toBeLessThan(4 * 2 * 17);

  // today's way, written out: each point its own pass, one image at a time
  const geometry = { channels: C, size: S, patchSize: model.config.patchSize };
  const xs = curveFractions(16);
  const orders = await curveOrders(trace, engine, options);
  for (const [i, m] of orders.entries()) {
    for (const kind of ['deletion', 'insertion'] as CurveKind[]) {
      const old: number[] = [];
      for (const image of curveInputs(input, geometry, m.order, 16, kind)) {
        const pass = await tensorPassByLayer(model, image, { recordAttention: false });
        old.push(softmax((await pass.logits!.data()) as Float32Array)[classIndex]!);
        pass.logits!.dispose();
      }
      const curve = fresh.curves[i]!;
      expect(curve.name).toBe(m.name);
      expect(Math.abs(areaUnderCurve(xs, curve[kind]) - areaUnderCurve(xs, old))).toBeLessThanOrEqual(1e-4);
      curve[kind].forEach((p, j) => expect(Math.abs(p - old[j]!)).toBeLessThanOrEqual(1e-5));
    }
  }
  // the curves say something: deleting the class map's patches first lowers the probability
  const deletion = fresh.curves[1]!.deletion;
  expect(deletion[0]).toBeGreaterThan(deletion[16]!);
}, 120_000);
