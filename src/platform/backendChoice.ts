/**
 * Which backend runs the model, as a pure function of what this browser has: the backends that can
 * start, whether each GPU backend's renderer is hardware or software, the calibration timings (when a
 * model of this size has been timed here) and WebGL's measured precision. Returns the choice, the
 * order to try when it fails to start, and the reason line the page shows.
 */
import { t } from '../i18n';
import type { BackendName } from './backend';

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

export interface BackendChoice {
  name: BackendName;
  /** the backends to try, best first */
  order: BackendName[];
  reason: string;
  /** a line worth showing beside the backend (a calibration result, a precision warning) */
  note: string | null;
}

/** attention and the other arrays must stay within this of float64 (the engine's tests' tolerance) */
export const PRECISION_TOLERANCE = 1e-4;

const isGpu = (name: BackendName): name is 'webgpu' | 'webgl' => name === 'webgpu' || name === 'webgl';

function rendererOf(name: BackendName, inputs: ChoiceInputs): GpuRenderer | null {
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

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toPrecision(2));

function timingList(timings: Partial<Record<BackendName, number>>): string {
  return Object.entries(timings)
    .sort((a, b) => a[1] - b[1])
    .map(([name, v]) => `${name} ${ms(v)} ms`)
    .join(', ');
}

export function chooseBackendFor(inputs: ChoiceInputs): BackendChoice {
  const order = preferenceOrder(inputs);
  if (order.length === 0) throw new Error('No backend is available');
  const timed = Object.entries(inputs.timings ?? {}).filter(
    (e): e is [BackendName, number] => order.includes(e[0] as BackendName) && Number.isFinite(e[1]) && e[1]! > 0,
  );
  if (timed.length >= 2) {
    timed.sort((a, b) => a[1] - b[1]);
    const [name, time] = timed[0]!;
    const fastestFirst = [name, ...order.filter((n) => n !== name)];
    const gpu = rendererOf(name, inputs);
    const list = timingList(Object.fromEntries(timed));
    if (gpu) {
      const note = t('backendLine.fastest', { backend: name, gpu: gpu.name, ms: ms(time) });
      return { name, order: fastestFirst, reason: t('backendLine.measured', { timings: list }), note };
    }
    const note = timed.some(([n]) => isGpu(n)) ? t('backendLine.cpuFaster', { backend: name, timings: list }) : null;
    return { name, order: fastestFirst, reason: t('backendLine.measured', { timings: list }), note };
  }
  const name = order[0]!;
  const note =
    inputs.webgl && lowPrecision(inputs) && name !== 'webgl'
      ? t('backendLine.lowPrecisionFallback', { backend: name, err: inputs.webglError!.toExponential(0) })
      : null;
  const gpu = rendererOf(name, inputs);
  const softwareGpu = [inputs.webgpu, inputs.webgl].find((g) => g?.software);
  const reason = gpu
    ? t('backendLine.gpu', { gpu: gpu.name })
    : softwareGpu
      ? t('backendLine.softwareGpu', { gpu: softwareGpu.name })
      : t('backendLine.noGpu');
  return { name, order, reason, note };
}

/** The line for WebGL computing in 16-bit floats, when its measured difference is over the tolerance. */
export function precisionNote(name: BackendName, webglError: number | null | undefined): string | null {
  if (name !== 'webgl' || webglError == null || webglError <= PRECISION_TOLERANCE) return null;
  return t('backendLine.lowPrecision', { backend: name, err: webglError.toExponential(0) });
}
