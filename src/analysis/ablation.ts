/** Head ablation, what if: which heads are on, and how the prediction moves when some are switched off. */
import type { HeadMask } from '../model/attentionOps';
import { topK, type RankedClass } from './topK';

export function allHeadsOn(layers: number, heads: number): number[][] {
  return Array.from({ length: layers }, () => Array.from({ length: heads }, () => 1));
}

export function countOff(mask: HeadMask): number {
  return mask.reduce((n, row) => n + row.filter((m) => m === 0).length, 0);
}

/** The mask with one head flipped. */
export function toggleHead(mask: HeadMask, layer: number, head: number): number[][] {
  return mask.map((row, l) => row.map((m, k) => (l === layer && k === head ? 1 - m : m)));
}

export interface ClassChange {
  index: number;
  label: string;
  before: number;
  after: number;
  /** after − before, in probability */
  delta: number;
}

export interface AblationResult {
  before: RankedClass[];
  after: RankedClass[];
  /** the classes that gained most, largest gain first (delta ≥ LISTED_CHANGE) */
  gained: ClassChange[];
  /** the classes that lost most, largest loss first (delta ≤ −LISTED_CHANGE) */
  lost: ClassChange[];
  /** whether the top-1 class changed */
  flipped: boolean;
}

/**
 * The smallest change of probability a class must make to be listed as gained or lost: 0.05
 * percentage points, the least that shows as 0.1 at one decimal. Below it are rounding and the
 * last bits of float32 (a re-run with every head on moves each class by ~1e-7), not an effect.
 */
export const LISTED_CHANGE = 0.0005;

export function compareProbabilities(
  before: ArrayLike<number>,
  after: ArrayLike<number>,
  labels: readonly string[],
  k: number,
): AblationResult {
  const changes: ClassChange[] = Array.from({ length: before.length }, (_, index) => ({
    index,
    label: labels[index] ?? `class ${index}`,
    before: before[index]!,
    after: after[index]!,
    delta: after[index]! - before[index]!,
  }));
  const b = topK(before, labels, k);
  const a = topK(after, labels, k);
  return {
    before: b,
    after: a,
    gained: changes
      .filter((c) => c.delta >= LISTED_CHANGE)
      .sort((x, y) => y.delta - x.delta)
      .slice(0, k),
    lost: changes
      .filter((c) => c.delta <= -LISTED_CHANGE)
      .sort((x, y) => x.delta - y.delta)
      .slice(0, k),
    flipped: b[0]?.index !== a[0]?.index,
  };
}
