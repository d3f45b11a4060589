/**
 * Calibration's records: the timings per device and model size, remembered in localStorage so
 * the next visit starts on the winner at once (the timed passes themselves run in the engine:
 * calibration.ts). No tfjs here: the page reads and writes these.
 */
import type { BackendName } from './backendName';
import type { GpuRenderer } from './backendOrder';

export interface ModelSize {
  layers: number;
  tokens: number;
  hidden: number;
  heads: number;
  mlp: number;
}

export type Timings = Partial<Record<BackendName, number>>;

const STORAGE_KEY = 'vitlens.calibration.v1';
const MAX_RECORDS = 32;

export function sizeKey(s: ModelSize): string {
  return [s.layers, s.tokens, s.hidden, s.heads, s.mlp].join('x');
}

/** what tells this device apart: its GPUs as the browser names them and its core count */
export function deviceKey(webgpu: GpuRenderer | null, webgl: GpuRenderer | null, cores: number): string {
  return [webgpu?.name ?? '-', webgl?.name ?? '-', cores].join('|').slice(0, 200);
}

type Store = Record<string, Timings>;

/** The stored records, keeping only well-formed entries (the storage is written by any page of this origin). */
function readStore(storage: Storage | undefined): Store {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '{}');
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    const out: Store = {};
    for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
      if (!value || typeof value !== 'object') continue;
      const timings: Timings = {};
      for (const name of ['webgpu', 'webgl', 'wasm', 'cpu'] as const) {
        const v = (value as Record<string, unknown>)[name];
        if (typeof v === 'number' && Number.isFinite(v) && v > 0 && v < 1e7) timings[name] = v;
      }
      if (Object.keys(timings).length > 0) out[key] = timings;
    }
    return out;
  } catch {
    return {};
  }
}

export function readCalibration(storage: Storage | undefined, device: string, size: ModelSize): Timings | null {
  return readStore(storage)[`${device}#${sizeKey(size)}`] ?? null;
}

export function writeCalibration(storage: Storage | undefined, device: string, size: ModelSize, timings: Timings): void {
  const store = readStore(storage);
  store[`${device}#${sizeKey(size)}`] = timings;
  const kept = Object.entries(store).slice(-MAX_RECORDS);
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(Object.fromEntries(kept)));
  } catch {
    // full or forbidden storage: the calibration runs again next time
  }
}
