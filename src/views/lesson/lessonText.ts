/**
 * The shape of every word the guided lesson shows, and both languages' words (lessonTextEn.ts,
 * lessonTextZh.ts) by language. The steps follow the seed article's order
 * (patches → … → prediction) and its analogy (q = a student's attention, k = a subject's syllabus,
 * v = the textbook's content). `{name}` marks a value filled in at run time (see fill()).
 */
import { LESSON_STEPS, type LessonStepId } from './lessonSteps';
import { lessonTextEn } from './lessonTextEn';
import { lessonTextZh } from './lessonTextZh';

export { LESSON_STEPS, type LessonStepId };

export type LessonLang = 'en' | 'zh-CN';

export interface StepText {
  title: string;
  /** two or three plain sentences */
  say: string[];
  /** what to look at */
  look: string;
  /** one thing to try */
  tryThis: string;
  /** what the try-this changed, with `{…}` values */
  readout: string;
}

export interface WhyText {
  question: string;
  answer: string;
  /** the live numbers on this image, with `{…}` values */
  live: string;
}

export interface LessonText {
  ui: {
    start: string;
    title: string;
    stepOf: string;
    prev: string;
    next: string;
    exit: string;
    present: string;
    leavePresent: string;
    skip: string;
    replay: string;
    look: string;
    tryThis: string;
    why: string;
    keys: string;
    noCls: string;
    noPos: string;
    noClassifier: string;
    shownOf: string;
    scale: string;
    layer: string;
    head: string;
    keepOnly: string;
    allHeads: string;
    running: string;
    failed: string;
    pointer: string;
    sum: string;
    before: string;
    after: string;
    tokenPatch: string;
    headMaps: string;
    keyRows: string;
    analogyQ: string;
    analogyK: string;
    analogyV: string;
  };
  steps: Record<LessonStepId, StepText>;
  why: { context: WhyText; heads: WhyText; layers: WhyText };
}

export const LESSON_TEXT: Record<LessonLang, LessonText> = { en: lessonTextEn, 'zh-CN': lessonTextZh };

/** Fills `{name}` in a template; a name without a value is left as it is, so a missing one shows. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (all, name: string) => (name in values ? String(values[name]) : all));
}
