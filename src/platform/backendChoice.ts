/**
 * Which backend runs the model, as a pure function of what this browser has: the backends that can
 * start, whether each GPU backend's renderer is hardware or software, the calibration timings (when a
 * model of this size has been timed here) and WebGL's measured precision. Returns the choice, the
 * order to try when it fails to start, and the reason line the page shows.
 */
import { t } from '../i18n';
import type { BackendName } from './backendName';
import {
  isGpu,
  lowPrecision,
  preferenceOrder,
  PRECISION_TOLERANCE,
  rendererOf,
  type ChoiceInputs,
} from './backendOrder';

export {
  calibrationCandidates,
  lowPrecision,
  preferenceOrder,
  PRECISION_TOLERANCE,
  type ChoiceInputs,
  type GpuRenderer,
} from './backendOrder';


export interface BackendChoice {
  name: BackendName;
  /** the backends to try, best first */
  order: BackendName[];
  reason: string;
  /** a line worth showing beside the backend (a calibration result, a precision warning) */
  note: string | null;
}

// whole milliseconds from 10 up (toPrecision(2) writes 99.96 as "1.0e+2"), two digits below
const ms = (v: number) => (v >= 10 ? v.toFixed(0) : v.toPrecision(2));

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
