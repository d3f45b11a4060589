/**
 * WebGL's precision. Where a GPU cannot render to float32 textures (many phones:
 * WEBGL_RENDER_FLOAT32_CAPABLE false), tfjs computes in 16-bit floats; how far that moves the
 * numbers is measured on the default model against float32 on the CPU (itself within 1e-5 of the
 * float64 reference: forward.test.ts) and remembered per device.
 */
import * as tf from '@tensorflow/tfjs-core';
import { drivenByAutomation } from './automation';

declare global {
  interface Window {
    /** for tests (a page driven by automation only): make WebGL compute in 16-bit floats, as on a phone */
    __vitlensHalfFloatWebgl?: boolean;
  }
}

/** Makes tfjs-webgl use 16-bit float textures when a test asks for it; call right after loading tfjs-webgl. */
export function halfFloatWebglForTests(): void {
  if (drivenByAutomation() && typeof window !== 'undefined' && window.__vitlensHalfFloatWebgl === true) {
    tf.env().set('WEBGL_RENDER_FLOAT32_ENABLED', false);
  }
}

/** WebGL here computes in 16-bit floats. */
export function webglHalfFloat(): boolean {
  return tf.getBackend() === 'webgl' && !tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED');
}

const STORAGE_KEY = 'vitlens.webglPrecision.v1';

export function readWebglError(storage: Storage | undefined, device: string): number | null {
  try {
    const stored: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null');
    if (!stored || typeof stored !== 'object') return null;
    const v = (stored as Record<string, unknown>)[device];
    return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 10 ? v : null;
  } catch {
    return null;
  }
}

export function writeWebglError(storage: Storage | undefined, device: string, error: number): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify({ [device]: error }));
  } catch {
    // the measurement runs again next time
  }
}

/** The largest absolute difference between two sets of attention arrays (layer by layer). */
export function maxAttentionDifference(a: readonly Float32Array[], b: readonly Float32Array[]): number {
  let m = 0;
  a.forEach((x, l) => x.forEach((v, i) => (m = Math.max(m, Math.abs(v - b[l]![i]!)))));
  return m;
}
