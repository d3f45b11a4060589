/**
 * After a model is built and before it runs: with no backend chosen by the user, time each candidate
 * on a pass of this model's size the first time that size runs here (the engine times them:
 * calibration.ts) and move to the fastest; on WebGL in 16-bit floats, measure (or recall) how far
 * attention moves and say it. Returns the backend line to show and whether the backend changed
 * (the model must then be built again on it). The records live in this page's localStorage.
 */
import type { VitConfig } from '../model/config';
import { vitSizes } from '../model/vitSizes';
import { BACKENDS, type BackendInfo } from '../platform/backendName';
import { calibrationCandidates, chooseBackendFor, precisionNote, type ChoiceInputs } from '../platform/backendChoice';
import { deviceKey, readCalibration, writeCalibration, type ModelSize } from '../platform/calibrationStore';
import { readWebglError, writeWebglError } from '../platform/precisionStore';
import { webgpuAdapter } from '../platform/webgpuAdapter';
import type { EngineClient } from '../worker/engineClient';
import type { ModelSource } from '../worker/protocol';
import { t } from '../i18n';

export interface Settled {
  backend: BackendInfo;
  switched: boolean;
}

interface SettleRequest {
  client: EngineClient;
  /** the model just built in the engine, and what it was built from (rebuilt on the CPU to measure precision) */
  handle: number;
  source: ModelSource;
  config: VitConfig;
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

export async function settleBackend(request: SettleRequest): Promise<Settled> {
  const { client, current } = request;
  const webgpu = await webgpuAdapter();
  const facts = await client.call('gpuFacts', {});
  const device = deviceKey(webgpu, facts.webgl, globalThis.navigator?.hardwareConcurrency ?? 1);
  const inputs: ChoiceInputs = { available: BACKENDS, webgpu, webgl: facts.webgl };

  if (current.name === 'webgl' && facts.halfFloat) {
    let error = readWebglError(storage(), device);
    if (error === null && request.isDefaultModel) {
      error = await client.call('webglError', { handle: request.handle, source: request.source });
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
    timings = await client.call('calibrate', { candidates, size, current: current.name });
    writeCalibration(storage(), device, size, timings);
  }
  const choice = chooseBackendFor({ ...inputs, timings: timings ?? undefined });
  if (choice.name === current.name) return { backend: withNote(current, choice.note, choice.reason), switched: false };
  // the models already built stay usable (tfjs moves their tensors when read); the session rebuilds this one
  const next = await client.startBackend('startBackend', { requested: choice.name });
  return { backend: withNote(next, choice.note, choice.reason), switched: next.name !== current.name };
}
