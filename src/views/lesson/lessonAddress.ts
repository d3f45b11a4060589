/** The lesson's place in the address: ?lesson=N (1-based step) and ?present=1. Values from the address are untrusted. */
import { LESSON_STEPS } from './lessonSteps';

export const LESSON_LENGTH = LESSON_STEPS.length;

/** the step the address opens (1 … LESSON_LENGTH, clamped), or null when it names no lesson */
export function lessonStepFromParams(params: URLSearchParams): number | null {
  const raw = params.get('lesson');
  if (raw === null || !/^\d{1,6}$/.test(raw.trim())) return null;
  return Math.min(Math.max(1, Number(raw)), LESSON_LENGTH);
}

export function presentFromParams(params: URLSearchParams): boolean {
  return params.get('present') === '1';
}

/** the address with the lesson's step and presenter mode written in (or removed), the rest kept */
export function lessonToParams(step: number | null, present: boolean, params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams(params);
  if (step === null) out.delete('lesson');
  else out.set('lesson', String(step));
  if (present && step !== null) out.set('present', '1');
  else out.delete('present');
  return out;
}
