/**
 * Chooses the tfjs backend for this browser: hardware WebGPU, then hardware WebGL; where the GPU
 * renderers are software (SwiftShader, llvmpipe) or missing, wasm (SIMD, threads when cross-origin
 * isolated), then plain JavaScript (cpu); the order itself is backendChoice.ts's. Calibration
 * (calibratedBackend.ts) may then pick a faster one for the model's size.
 * `?backend=webgpu|webgl|wasm|cpu` or the page's selector override it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { startVitKernels, vitKernelsCanThread, vitKernelsInfo } from '../model/wasmKernels/tfjsKernels';
import { preferenceOrder, type GpuRenderer } from './backendOrder';
import { webgpuAdapter } from './webgpuAdapter';
import { halfFloatWebglForTests } from './precision';

import { BACKENDS, type BackendInfo, type BackendName } from './backendName';

export { BACKENDS, isBackendName, type BackendInfo, type BackendName } from './backendName';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlainUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
});

/**
 * tfjs-backend-wasm caps its thread pool at `navigator.hardwareConcurrency / 2` (its backend.cc
 * assumes two hyper-threads per core), read once when the wasm module starts. On a 2-core machine
 * that is one thread. So while the wasm backend starts, the navigator reports twice the real count
 * (the cap then equals the real count, and trySet asks for exactly that); the real
 * value is restored as soon as the module has read it.
 */
async function withFullCoreCount<T>(start: () => Promise<T>): Promise<T> {
  const cores = typeof navigator === 'undefined' ? 0 : navigator.hardwareConcurrency;
  if (!cores) return start();
  Object.defineProperty(navigator, 'hardwareConcurrency', { configurable: true, get: () => cores * 2 });
  try {
    return await start();
  } finally {
    delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency;
  }
}

/** The WebGL renderer string, or null when WebGL2 is unavailable. */
export function webglRenderer(): string | null {
  try {
    // in the engine's worker there is no document: an OffscreenCanvas (where the browser has one) tells the same
    const canvas = typeof document !== 'undefined' ? document.createElement('canvas') : new OffscreenCanvas(1, 1);
    const gl = canvas.getContext('webgl2') as WebGL2RenderingContext | null;
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return null;
  }
}

export function isSoftwareRenderer(renderer: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|microsoft basic render/i.test(renderer);
}

/** The WebGL renderer in the form the backend choice takes. */
export function webglSummary(renderer: string | null): GpuRenderer | null {
  return renderer === null ? null : { name: renderer, software: isSoftwareRenderer(renderer) };
}

function describe(name: BackendName, renderer: string | null, gpu: GpuRenderer | null): string {
  if (name === 'webgpu') return `webgpu · ${gpu?.name ?? 'GPU'}${gpu?.software ? ' (software)' : ''}`;
  if (name === 'wasm') {
    const kernels = vitKernelsInfo();
    const threads = kernels?.threads ?? getThreadsCount();
    const simd = kernels
      ? `ViT Lens kernels (${kernels.relaxedSimd ? 'SIMD with fused multiply-add' : 'SIMD'})`
      : tf.env().getBool('WASM_HAS_SIMD_SUPPORT')
        ? 'SIMD'
        : 'no SIMD';
    return `wasm · ${simd} · ${threads} thread${threads === 1 ? '' : 's'}${
      crossOriginIsolated ? '' : ' (page not cross-origin isolated)'
    }`;
  }
  if (name === 'webgl') {
    if (!renderer) return 'webgl';
    return isSoftwareRenderer(renderer)
      ? `webgl · software renderer (${renderer.match(/swiftshader|llvmpipe/i)?.[0] ?? renderer})`
      : `webgl · ${renderer}`;
  }
  return 'cpu · plain JavaScript';
}

async function trySet(name: BackendName, vitKernels: boolean): Promise<boolean> {
  try {
    // WebGL's backend (a large module) is loaded only when it is tried: most pages on a CPU never need it
    if (name === 'webgl') {
      await import('@tensorflow/tfjs-backend-webgl');
      halfFloatWebglForTests();
    }
    // and WebGPU's only when it is tried
    if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
    // and plain JavaScript's (all of tfjs's kernels in JS) only when it is the fallback or chosen
    if (name === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
    if (name !== 'wasm') return await tf.setBackend(name);
    // With ViT Lens's kernels doing the heavy work on their own threads, tfjs-wasm keeps one: its
    // XNNPACK threads spin for milliseconds after each op and would take the cores from the kernels.
    if (vitKernels && vitKernelsCanThread()) {
      setThreadsCount(1);
      // and needs no pool of workers started up front (see vite.config.ts)
      (globalThis as { __vitlensWasmWorkerPool?: number }).__vitlensWasmWorkerPool = 1;
      return await tf.setBackend(name);
    }
    if (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) setThreadsCount(navigator.hardwareConcurrency);
    return await withFullCoreCount(() => tf.setBackend(name));
  } catch {
    return false;
  }
}

/** more threads than this gain little on a ViT's matrix sizes (197 rows) */
const MAX_KERNEL_THREADS = 8;

export interface BackendOptions {
  /** on wasm, ViT Lens's own kernels (wasmKernels/); off leaves tfjs-wasm's kernels alone (for comparison) */
  vitKernels?: boolean;
}

/** Switches tfjs to the requested backend, or the best available one when none is requested. */
export async function chooseBackend(
  requested: BackendName | null,
  { vitKernels = true }: BackendOptions = {},
): Promise<BackendInfo> {
  const renderer = webglRenderer();
  const gpu = await webgpuAdapter();
  const reasons: string[] = [];
  let order: BackendName[];
  if (requested) {
    order = [requested, ...BACKENDS.filter((b) => b !== requested)];
  } else {
    const webgl = webglSummary(renderer);
    order = preferenceOrder({ available: BACKENDS, webgpu: gpu, webgl });
    // in words for the backend line (the page replaces them with its own once a model is built: calibratedBackend.ts)
    const gpuHere = [gpu, webgl].find((g) => g && !g.software);
    const softwareGpu = [gpu, webgl].find((g) => g?.software);
    reasons.push(
      gpuHere
        ? `a GPU is available (${gpuHere.name})`
        : softwareGpu
          ? `the GPU runs in software here (${softwareGpu.name}), so wasm is faster`
          : 'no GPU is available',
    );
  }
  for (const name of order) {
    if (await trySet(name, vitKernels)) {
      await tf.ready();
      if (name === 'wasm' && vitKernels) {
        // without them (no SIMD, or they fail to start) the forward pass uses tfjs-wasm's kernels
        const cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency || 1;
        await startVitKernels({ threads: Math.min(cores, MAX_KERNEL_THREADS) }).catch(() => null);
      }
      const reason =
        requested === name
          ? 'chosen by you'
          : [...reasons, requested ? `${requested} failed to start` : ''].filter(Boolean).join('; ');
      return { name, detail: describe(name, renderer, gpu), reason };
    }
    reasons.push(`${name} failed to start`);
  }
  throw new Error(`No tfjs backend could start: ${reasons.join('; ')}`);
}
