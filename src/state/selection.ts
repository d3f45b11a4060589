/** What the user has selected: indices into the trace and view settings, never data. */
import type { ColorScope } from '../analysis/attention';
import { STAGES, isStageId, type StageId } from './stages';

/** How values map to colours: linearly, or on a log scale over four decades. */
export type ScaleKind = 'linear' | 'log';

export interface Selection {
  stage: StageId;
  layer: number;
  head: number;
  /** the query token whose attention row is followed */
  query: number;
  colorScope: ColorScope;
  colorScale: ScaleKind;
}

export const INITIAL_SELECTION: Selection = {
  stage: 'patches',
  layer: 0,
  head: 0,
  query: 0,
  colorScope: 'head',
  colorScale: 'linear',
};

const clampInt = (v: number, lo: number, hi: number) => Math.min(Math.max(lo, Math.trunc(v)), hi);

/** Keeps a selection valid for a model of this depth, head count and token count. */
export function clampSelection(selection: Selection, numLayers: number, numHeads: number, numTokens: number): Selection {
  return {
    ...selection,
    layer: clampInt(selection.layer, 0, numLayers - 1),
    head: clampInt(selection.head, 0, numHeads - 1),
    query: clampInt(selection.query, 0, numTokens - 1),
  };
}

export type NavigationKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | '[' | ']';

/** The keyboard map: ←/→ stage, ↑/↓ layer, [/] head. Returns null for other keys. */
export function navigate(
  selection: Selection,
  key: string,
  numLayers: number,
  numHeads: number,
  stages: readonly StageId[] = STAGES,
): Selection | null {
  const stageIndex = Math.max(0, stages.indexOf(selection.stage));
  switch (key) {
    case 'ArrowLeft':
      return { ...selection, stage: stages[Math.max(0, stageIndex - 1)]! };
    case 'ArrowRight':
      return { ...selection, stage: stages[Math.min(stages.length - 1, stageIndex + 1)]! };
    case 'ArrowUp':
      return { ...selection, layer: Math.max(0, selection.layer - 1) };
    case 'ArrowDown':
      return { ...selection, layer: Math.min(numLayers - 1, selection.layer + 1) };
    case '[':
      return { ...selection, head: Math.max(0, selection.head - 1) };
    case ']':
      return { ...selection, head: Math.min(numHeads - 1, selection.head + 1) };
    default:
      return null;
  }
}

/** The URL parameters that mirror a selection. */
export function selectionToParams(selection: Selection, params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams(params);
  out.set('stage', selection.stage);
  out.set('layer', String(selection.layer));
  out.set('head', String(selection.head));
  out.set('query', String(selection.query));
  if (selection.colorScope !== INITIAL_SELECTION.colorScope) out.set('scope', selection.colorScope);
  else out.delete('scope');
  if (selection.colorScale !== INITIAL_SELECTION.colorScale) out.set('scale', selection.colorScale);
  else out.delete('scale');
  return out;
}

export function selectionFromParams(params: URLSearchParams): Selection {
  const int = (key: string, fallback: number) => {
    const v = Number(params.get(key));
    return params.has(key) && Number.isFinite(v) && v >= 0 ? Math.trunc(v) : fallback;
  };
  const scope = params.get('scope');
  const scale = params.get('scale');
  const stage = params.get('stage');
  return {
    stage: isStageId(stage) ? stage : INITIAL_SELECTION.stage,
    layer: int('layer', 0),
    head: int('head', 0),
    query: int('query', 0),
    colorScope: scope === 'layer' || scope === 'model' ? scope : 'head',
    colorScale: scale === 'log' ? 'log' : 'linear',
  };
}
