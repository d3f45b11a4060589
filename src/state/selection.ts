/** What the user has selected: indices into the trace, never data. */
import type { ColorScope } from '../analysis/attention';

export interface Selection {
  layer: number;
  head: number;
  colorScope: ColorScope;
}

export const INITIAL_SELECTION: Selection = { layer: 0, head: 0, colorScope: 'head' };

/** Keeps a selection valid for a model of the given depth and head count (e.g. after a model change). */
export function clampSelection(selection: Selection, numLayers: number, numHeads: number): Selection {
  return {
    ...selection,
    layer: Math.min(Math.max(0, selection.layer), numLayers - 1),
    head: Math.min(Math.max(0, selection.head), numHeads - 1),
  };
}
