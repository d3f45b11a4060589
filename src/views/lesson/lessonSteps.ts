/** The guided lesson's steps, in the seed article's order (patches → … → prediction). Its own file so
 * the address code (on the first view) does not pull in every word of the lesson (lessonText.ts). */
export const LESSON_STEPS = [
  'patches',
  'embedding',
  'tokens',
  'position',
  'qkv',
  'analogy',
  'scores',
  'softmax',
  'mix',
  'heads',
  'projection',
  'mlp',
  'addnorm',
  'layers',
  'prediction',
] as const;

export type LessonStepId = (typeof LESSON_STEPS)[number];
