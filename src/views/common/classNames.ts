import { t } from '../../i18n';

/**
 * The classes' names to show: the checkpoint's labels, and "class 943" (类别 943) in the interface's
 * language for every class it leaves unnamed (a checkpoint without id2label, a preset).
 */
export function classNames(labels: readonly string[], numClasses: number): string[] {
  return Array.from({ length: Math.max(numClasses, labels.length) }, (_, n) => labels[n] ?? t('common.classN', { n }));
}

/** classNames for a trace: as many as its probabilities (none without a classifier). */
export const traceClassNames = (trace: { config: { labels: string[] }; probs: { data: ArrayLike<number> } | null }): string[] =>
  classNames(trace.config.labels, trace.probs?.data.length ?? 0);
