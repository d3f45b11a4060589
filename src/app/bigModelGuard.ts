/**
 * The memory guard every model load goes through (loadVit's beforeBuild): from the config alone,
 * a model that cannot fit is refused with its sizes, and one that is big but may fit waits for
 * the user's yes (BigModelQuestion) before anything is allocated. The previous model is untouched
 * either way. A yes holds for that config for the rest of the page (a backend switch rebuilds it).
 */
import { useSyncExternalStore } from 'react';
import type { VitConfig } from '../model/config';
import { MAX_TOTAL_BYTES, memoryVerdict, type MemoryEstimate } from '../model/memoryEstimate';
import { t } from '../i18n';
import { layersHeld, recordModeFrom } from '../model/partialTrace';

export class ModelMemoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelMemoryError';
  }
}

export interface BigModelQuestion {
  message: string;
  estimate: MemoryEstimate;
  answer: (yes: boolean) => void;
}

let pending: BigModelQuestion | null = null;
const listeners = new Set<() => void>();
const accepted = new Set<string>();
const notify = () => listeners.forEach((l) => l());

/** What this page can hold: 4 GiB (WebAssembly's 32-bit memory), or half the device's memory if less. */
export function memoryBudget(): number {
  const gib = (globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory;
  return typeof gib === 'number' && gib > 0 ? Math.min(MAX_TOTAL_BYTES, (gib * 2 ** 30) / 2) : MAX_TOTAL_BYTES;
}

/** Asks the user (BigModelQuestion) whether to go on; also for a comparison's second run (compareMemory.ts). */
export function askAboutMemory(message: string, estimate: MemoryEstimate): Promise<boolean> {
  return new Promise((resolve) => {
    pending?.answer(false);
    pending = {
      message,
      estimate,
      answer: (yes) => {
        pending = null;
        notify();
        resolve(yes);
      },
    };
    notify();
  });
}

export async function guardModelMemory(config: VitConfig, numClasses: number): Promise<void> {
  // judged by the trace the page will keep: partial for a model whose full trace is too big
  const held = layersHeld(config, numClasses, recordModeFrom(globalThis.location?.search ?? ''));
  const verdict = memoryVerdict(config, memoryBudget(), numClasses, undefined, held);
  if (verdict.kind === 'fits') return;
  if (verdict.kind === 'refuse') throw new ModelMemoryError(`${verdict.message} The previous model is still loaded.`);
  const key = JSON.stringify([config, numClasses]);
  if (accepted.has(key)) return;
  if (!(await askAboutMemory(verdict.message, verdict.estimate))) {
    throw new ModelMemoryError(t('session.bigDeclined'));
  }
  accepted.add(key);
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const pendingBigModelQuestion = (): BigModelQuestion | null => pending;

export function useBigModelQuestion(): BigModelQuestion | null {
  return useSyncExternalStore(subscribe, pendingBigModelQuestion);
}
