/**
 * After a model is built and before it runs: with no backend chosen by the user, time each candidate
 * on a pass of this model's size the first time that size runs here (calibration.ts) and move to the
 * fastest; on WebGL in 16-bit floats, measure (or recall) how far attention moves and say it. Returns
 * the backend line to show and whether the backend changed (the model must then be built again on it).
 */
import * as tf from '@tensorflow/tfjs-core';
import { vitSizes, type VitConfig } from '../model/config';
import { runTrace } from '../model/forward';
import type { LoadedVit } from '../model/loadVit';
import { seededRandom } from '../model/seededRandom';
import { disposeVitModel, type VitModel } from '../model/vitModel';
import { chooseBackend, webglRenderer, webglSummary, BACKENDS, type BackendInfo, type BackendName } from '../platform/backend';
import { calibrationCandidates, chooseBackendFor, precisionNote, type ChoiceInputs } from '../platform/backendChoice';
import { calibrate, deviceKey, readCalibration, writeCalibration, type ModelSize } from '../platform/calibration';
import { maxAttentionDifference, readWebglError, webglHalfFloat, writeWebglError } from '../platform/precision';
import { webgpuAdapter } from '../platform/webgpuAdapter';
import { t } from '../i18n';

export interface Settled {
  backend: BackendInfo;
  switched: boolean;
}

interface SettleRequest {
  config: VitConfig;
  model: VitModel;
  /** builds the same model again (on the CPU, for the precision measurement) */
  build: () => Promise<LoadedVit>;
  current: BackendInfo;
  /** no backend was chosen by the user: calibration may change it */
  auto: boolean;
  /** the default model, on which WebGL's precision is measured */
  isDefaultModel: boolean;
  status: (message: string) => void;
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** `?calibrate=1` times the software GPUs too (normally left out: on a CPU they lose to wasm). */
function calibrateSoftwareToo(): boolean {
  return typeof location !== 'undefined' && new URLSearchParams(location.search).get('calibrate') === '1';
}

export function modelSize(config: VitConfig): ModelSize {
  return {
    layers: config.numLayers,
    tokens: vitSizes(config).numTokens,
    hidden: config.hiddenSize,
    heads: config.numHeads,
    mlp: config.intermediateSize,
  };
}

function withNote(info: BackendInfo, note: string | null, reason?: string): BackendInfo {
  if (!note) return reason ? { ...info, reason } : info;
  // a line that names the backend itself ("webgpu · <adapter> · 38 ms") replaces the description
  const detail = note.startsWith(`${info.name} · `) && info.name !== 'webgl' ? note : `${info.detail} — ${note}`;
  return { ...info, detail, note, reason: reason ?? info.reason };
}

async function started(name: BackendName): Promise<boolean> {
  try {
    return (await chooseBackend(name)).name === name;
  } catch {
    return false;
  }
}

/** Attention of every layer on a fixed input (a seeded pattern in the model's input range). */
async function attentionOf(model: VitModel): Promise<Float32Array[]> {
  const { numChannels, imageSize } = model.config;
  const rand = seededRandom(7);
  const input = Float32Array.from({ length: numChannels * imageSize * imageSize }, () => rand() * 2 - 1);
  const trace = await runTrace(model, input);
  return trace.layers.map((l) => l.attn.data);
}

/** WebGL-in-16-bit's largest attention difference from float32 on the CPU, on this model. */
async function measureWebglError(model: VitModel, build: () => Promise<LoadedVit>): Promise<number> {
  const onWebgl = await attentionOf(model);
  await import('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend('cpu');
  const onCpu = await build();
  try {
    return maxAttentionDifference(onWebgl, await attentionOf(onCpu.model));
  } finally {
    disposeVitModel(onCpu.model);
    await tf.setBackend('webgl');
  }
}

export async function settleBackend(request: SettleRequest): Promise<Settled> {
  const { current } = request;
  const webgpu = await webgpuAdapter();
  const webgl = webglSummary(webglRenderer());
  const device = deviceKey(webgpu, webgl, globalThis.navigator?.hardwareConcurrency ?? 1);
  const inputs: ChoiceInputs = { available: BACKENDS, webgpu, webgl };

  if (current.name === 'webgl' && webglHalfFloat()) {
    let error = readWebglError(storage(), device);
    if (error === null && request.isDefaultModel) {
      error = await measureWebglError(request.model, request.build);
      writeWebglError(storage(), device, error);
    }
    inputs.webglError = error;
    if (!request.auto) return { backend: withNote(current, precisionNote('webgl', error)), switched: false };
  }
  if (!request.auto) return { backend: current, switched: false };

  const size = modelSize(request.config);
  let timings = readCalibration(storage(), device, size);
  const candidates = calibrationCandidates(inputs, calibrateSoftwareToo());
  if (!timings && candidates.length >= 2) {
    request.status(t('backendLine.calibrating'));
    timings = await calibrate(candidates, size, started);
    writeCalibration(storage(), device, size, timings);
    // calibration left the last candidate running: come back to where the model was built
    if (tf.getBackend() !== current.name) await chooseBackend(current.name);
  }
  const choice = chooseBackendFor({ ...inputs, timings: timings ?? undefined });
  if (choice.name === current.name) return { backend: withNote(current, choice.note, choice.reason), switched: false };
  const next = await chooseBackend(choice.name);
  return { backend: withNote(next, choice.note, choice.reason), switched: next.name !== current.name };
}
