import { describe, expect, it } from 'vitest';
import { calibrationCandidates, chooseBackendFor, precisionNote, preferenceOrder, type ChoiceInputs } from './backendChoice';

const all = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
const m2: ChoiceInputs = {
  available: all,
  webgpu: { name: 'apple metal-3', software: false },
  webgl: { name: 'Apple M2', software: false },
};
const noGpu: ChoiceInputs = { available: all, webgpu: null, webgl: null };
const swiftshader: ChoiceInputs = {
  available: all,
  webgpu: { name: 'google swiftshader', software: true },
  webgl: { name: 'ANGLE (SwiftShader)', software: true },
};

describe('backend choice', () => {
  it('prefers hardware WebGPU, then hardware WebGL, then wasm, then cpu', () => {
    expect(preferenceOrder(m2)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(preferenceOrder({ ...m2, webgpu: null })).toEqual(['webgl', 'wasm', 'cpu']);
    expect(preferenceOrder(noGpu)).toEqual(['wasm', 'cpu']);
    const choice = chooseBackendFor(m2);
    expect(choice.name).toBe('webgpu');
    expect(choice.reason).toContain('apple metal-3');
    expect(choice.note).toBeNull();
  });

  it('puts software GPUs after wasm and does not time them unless asked', () => {
    expect(preferenceOrder(swiftshader)).toEqual(['wasm', 'webgl', 'webgpu', 'cpu']);
    expect(chooseBackendFor(swiftshader).name).toBe('wasm');
    expect(chooseBackendFor(swiftshader).reason).toContain('software');
    expect(calibrationCandidates(swiftshader)).toEqual(['wasm']);
    expect(calibrationCandidates(swiftshader, true)).toEqual(['wasm', 'webgl', 'webgpu']);
    expect(calibrationCandidates(m2)).toEqual(['webgpu', 'webgl', 'wasm']);
  });

  it('a slow GPU loses to wasm, and the line says so', () => {
    const choice = chooseBackendFor({ ...m2, timings: { webgpu: 420, webgl: 610, wasm: 95 } });
    expect(choice.name).toBe('wasm');
    expect(choice.order[0]).toBe('wasm');
    expect(choice.note).toBe('wasm chosen: faster here than this GPU (wasm 95 ms, webgpu 420 ms, webgl 610 ms)');
  });

  it('writes times near 100 ms as plain numbers (never "1.0e+2")', () => {
    const choice = chooseBackendFor({ ...m2, timings: { webgpu: 378, webgl: 99.96, wasm: 8.5 } });
    expect(choice.reason).toBe('the fastest here: wasm 8.5 ms, webgl 100 ms, webgpu 378 ms');
  });

  it('a fast GPU wins with its adapter and time in the line', () => {
    const choice = chooseBackendFor({ ...m2, timings: { webgpu: 38, webgl: 61, wasm: 900 } });
    expect(choice.name).toBe('webgpu');
    expect(choice.note).toBe('webgpu · apple metal-3 · 38 ms');
    expect(choice.reason).toBe('the fastest here: webgpu 38 ms, webgl 61 ms, wasm 900 ms');
  });

  it('ignores timings of backends that cannot start here, and nonsense timings', () => {
    const choice = chooseBackendFor({ ...noGpu, timings: { webgpu: 1, wasm: 50, cpu: Number.NaN } });
    expect(choice.name).toBe('wasm');
    expect(choice.note).toBeNull();
  });

  it('16-bit WebGL over the tolerance is said, and an automatic choice falls back', () => {
    const phone: ChoiceInputs = { available: all, webgpu: null, webgl: { name: 'Mali-G78', software: false }, webglError: 3e-3 };
    expect(precisionNote('webgl', 3e-3)).toBe('webgl · 16-bit floats: attention differs by up to 3e-3');
    expect(precisionNote('webgl', 5e-5)).toBeNull();
    expect(precisionNote('wasm', 3e-3)).toBeNull();
    const choice = chooseBackendFor(phone);
    expect(choice.name).toBe('wasm');
    expect(choice.note).toContain('16-bit floats');
    expect(chooseBackendFor({ ...phone, webglError: 2e-5 }).name).toBe('webgl');
  });
});
