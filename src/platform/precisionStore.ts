/**
 * WebGL's measured 16-bit precision per device, remembered in localStorage (the measurement runs
 * once, in the engine: precision.ts). No tfjs here: the page reads and writes it.
 */
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
