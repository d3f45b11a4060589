import type { AnalysisContext } from '../analyses/context';
import type { LessonText } from './lessonText';

/** What the learner has picked in the lesson: shared by all steps, so a patch picked once stays picked. */
export interface LessonState {
  /** the token whose q, scores, weights and output the steps follow */
  query: number;
  head: number;
  layer: number;
  /** the factor on the raw scores in the softmax step (1/√d by default) */
  scale: number;
  /** the last layer the rollout multiplies in */
  depth: number;
  /** the class whose score the prediction step reads out */
  pickedClass: number | null;
}

export interface LessonCtx {
  ctx: AnalysisContext;
  text: LessonText;
  state: LessonState;
  set: (change: Partial<LessonState>) => void;
  /** side of the main picture, CSS pixels */
  size: number;
  /** the pointer's cell readout (large in presenter mode) */
  point: (readout: string | null) => void;
  /** a token named in the lesson's language: "[CLS]", "patch 5 (token 6)" */
  tokenWord: (token: number) => string;
}

/** one head's row of a [h, T, X] tensor for one token */
export function headRowOf(m: { data: Float32Array; shape: number[] }, head: number, token: number): Float32Array {
  const [, T, X] = m.shape as [number, number, number];
  const start = (head * T + token) * X;
  return m.data.subarray(start, start + X);
}

/** one token's row of a [T, X] tensor */
export function tokenRowOf(m: { data: Float32Array; shape: number[] }, token: number): Float32Array {
  const X = m.shape[m.shape.length - 1]!;
  return m.data.subarray(token * X, (token + 1) * X);
}
