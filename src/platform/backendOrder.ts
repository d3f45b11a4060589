/**
 * The order in which backends are tried, as a pure function of what this browser has (which
 * backends can start, whether each GPU backend's renderer is hardware or software, WebGL's measured
 * precision): no words and no tfjs, so the engine's worker and the page share it. The page's
 * choice with its reason line and calibration is backendChoice.ts.
 */
import type { BackendName } from './backendName';

export interface GpuRenderer {
  name: string;
  software: boolean;
}

export interface ChoiceInputs {
  /** the backends this browser can start */
  available: readonly BackendName[];
  webgpu: GpuRenderer | null;
  webgl: GpuRenderer | null;
  /** calibrated milliseconds per full pass on a model of this size, per backend */
  timings?: Partial<Record<BackendName, number>>;
  /** WebGL's largest attention difference against float64 where it computes in 16-bit floats */
  webglError?: number | null;
}

/** attention and the other arrays must stay within this of float64 (the engine's tests' tolerance) */
export const PRECISION_TOLERANCE = 1e-4;

export const isGpu = (name: BackendName): name is 'webgpu' | 'webgl' => name === 'webgpu' || name === 'webgl';

export function rendererOf(name: BackendName, inputs: ChoiceInputs): GpuRenderer | null {
  return name === 'webgpu' ? inputs.webgpu : name === 'webgl' ? inputs.webgl : null;
}

export function lowPrecision(inputs: ChoiceInputs): boolean {
  return inputs.webglError != null && inputs.webglError > PRECISION_TOLERANCE;
}

/** Hardware WebGPU, hardware WebGL, wasm, then the software GPUs and cpu: before anything is timed. */
export function preferenceOrder(inputs: ChoiceInputs): BackendName[] {
  const hardware = (name: 'webgpu' | 'webgl') =>
    rendererOf(name, inputs)?.software === false && !(name === 'webgl' && lowPrecision(inputs));
  const ranked: BackendName[] = [
    ...(['webgpu', 'webgl'] as const).filter(hardware),
    'wasm',
    ...(['webgl', 'webgpu'] as const).filter((n) => !hardware(n)),
    'cpu',
  ];
  return ranked.filter((n) => inputs.available.includes(n) && (!isGpu(n) || rendererOf(n, inputs) !== null));
}

/** The candidates worth timing: the hardware GPU backends and wasm (or every GPU backend when asked). */
export function calibrationCandidates(inputs: ChoiceInputs, includeSoftware = false): BackendName[] {
  return preferenceOrder(inputs).filter(
    (n) => n === 'wasm' || (isGpu(n) && (includeSoftware || !rendererOf(n, inputs)!.software)),
  );
}
