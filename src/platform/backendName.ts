/**
 * The backends the page offers, without loading tfjs: the page's selector and the address read
 * this; backend.ts (which loads tfjs) re-exports it. One array, so adding a backend is one line.
 */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export interface BackendInfo {
  name: BackendName;
  /** a plain description for the page, e.g. "wasm · SIMD · 2 threads" */
  detail: string;
  /** why this backend was chosen, or why a preferred one was skipped */
  reason: string;
  /** a line to show beside the backend: a calibration result or a precision warning */
  note?: string | null;
}

export function isBackendName(value: unknown): value is BackendName {
  return typeof value === 'string' && (BACKENDS as readonly string[]).includes(value);
}
