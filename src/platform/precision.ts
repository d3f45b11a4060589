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

/**
 * Makes tfjs-webgl use 16-bit float textures when a test asks for it; call right after loading
 * tfjs-webgl. On the page the test sets the window's flag; in the engine's worker the page passes it
 * on (engineHost.ts sets the worker's global), and only when automation drives the page.
 */
export function halfFloatWebglForTests(): void {
  const asked = (globalThis as { __vitlensHalfFloatWebgl?: boolean }).__vitlensHalfFloatWebgl === true;
  if (asked && (typeof window === 'undefined' || drivenByAutomation())) tf.env().set('WEBGL_RENDER_FLOAT32_ENABLED', false);
}

/** WebGL here computes in 16-bit floats. */
export function webglHalfFloat(): boolean {
  return tf.getBackend() === 'webgl' && !tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED');
}

export { readWebglError, writeWebglError } from './precisionStore';

/** The largest absolute difference between two sets of attention arrays (layer by layer). */
export function maxAttentionDifference(a: readonly Float32Array[], b: readonly Float32Array[]): number {
  let m = 0;
  a.forEach((x, l) => x.forEach((v, i) => (m = Math.max(m, Math.abs(v - b[l]![i]!)))));
  return m;
}
