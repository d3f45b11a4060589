import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { calibrate, deviceKey, readCalibration, timeOnePass, writeCalibration, type ModelSize } from './calibration';
import { chooseBackendFor } from './backendChoice';

class MemoryStorage {
  items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, v);
}
const storage = () => new MemoryStorage() as unknown as Storage;
const tiny: ModelSize = { layers: 3, tokens: 17, hidden: 32, heads: 4, mlp: 64 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('calibration', () => {
  it('times a pass of the model size on the current backend and leaves no tensor', async () => {
    const before = tf.memory().numTensors;
    const ms = await timeOnePass(tiny, 1);
    expect(ms).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('times every candidate that starts, with injected timings deciding the choice', async () => {
    const started: string[] = [];
    const timings = await calibrate(
      ['webgpu', 'webgl', 'wasm'],
      tiny,
      async (name) => (started.push(name), name !== 'webgl'),
      async () => (started.at(-1) === 'webgpu' ? 300 : 40),
    );
    expect(started).toEqual(['webgpu', 'webgl', 'wasm']);
    expect(timings).toEqual({ webgpu: 300, wasm: 40 });
    const inputs = {
      available: ['webgpu', 'wasm', 'cpu'] as const,
      webgpu: { name: 'intel gen-9', software: false },
      webgl: null,
    };
    expect(chooseBackendFor({ ...inputs, timings }).name).toBe('wasm');
  });

  it('remembers the timings per device and model size, and ignores malformed storage', () => {
    const s = storage();
    const device = deviceKey({ name: 'apple metal-3', software: false }, null, 8);
    expect(readCalibration(s, device, tiny)).toBeNull();
    writeCalibration(s, device, tiny, { webgpu: 12, wasm: 80 });
    expect(readCalibration(s, device, tiny)).toEqual({ webgpu: 12, wasm: 80 });
    expect(readCalibration(s, device, { ...tiny, layers: 12 })).toBeNull();
    expect(readCalibration(s, deviceKey(null, null, 8), tiny)).toBeNull();
    s.setItem('vitlens.calibration.v1', JSON.stringify({ [`${device}#3x17x32x4x64`]: { webgpu: 'fast', wasm: -1, cpu: 1e99 } }));
    expect(readCalibration(s, device, tiny)).toBeNull();
    s.setItem('vitlens.calibration.v1', 'not json');
    expect(readCalibration(s, device, tiny)).toBeNull();
  });
});
