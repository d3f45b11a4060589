/**
 * A model's sizes by the letters the explainer's formulas use, read from a trace. Token counts come
 * from the trace's layout (src/model/tokenLayout.ts), never counted here.
 */
import type { VitTrace } from '../model/trace';
import type { TokenLayout } from '../model/tokenLayout';

export interface ModelDims {
  /** which token is which: prefix tokens by name, the patch grid */
  layout: TokenLayout;
  /** image side S, patch side P */
  S: number;
  P: number;
  /** patches per side of the (square) grid: layout.gridCols */
  g: number;
  /** patches N and tokens T, from the layout */
  N: number;
  T: number;
  D: number;
  h: number;
  d: number;
  M: number;
  C: number;
  hasPos: boolean;
  pooling: 'cls' | 'mean';
  /** the MLP's non-linearity by name ("GELU", "QuickGELU", "SwiGLU", …) and as a KaTeX operator */
  act: string;
  actTex: string;
}

/** The MLP's activation as the explainer names it (SwiGLU when the MLP is gated, as in DINOv2 giant). */
export function activationNames(config: VitTrace['config']): { act: string; actTex: string } {
  if (config.gatedMlp) return { act: 'SwiGLU', actTex: '\\operatorname{SwiGLU}' };
  const act = { gelu: 'GELU', gelu_tanh: 'GELU (tanh)', quick_gelu: 'QuickGELU', relu: 'ReLU' }[config.activation];
  const tex = { gelu: 'GELU', gelu_tanh: 'GELU', quick_gelu: 'QuickGELU', relu: 'ReLU' }[config.activation];
  return { act, actTex: `\\operatorname{${tex}}` };
}

export function modelDimsOf(trace: VitTrace): ModelDims {
  const c = trace.config;
  const { layout } = trace;
  return {
    layout,
    S: c.imageSize,
    P: c.patchSize,
    g: layout.gridCols,
    N: layout.numPatches,
    T: layout.numTokens,
    D: c.hiddenSize,
    h: c.numHeads,
    d: c.hiddenSize / c.numHeads,
    M: c.intermediateSize,
    C: trace.probs?.shape[0] ?? 0,
    hasPos: c.hasPositionEmbeddings,
    pooling: c.pooling,
    ...activationNames(c),
  };
}

/** "[CLS]", "[CLS] + [DIST]", "[CLS] + 4 registers", or "no prefix tokens", for sentences. */
export function prefixDescription(layout: TokenLayout): string {
  if (layout.prefix.length === 0) return 'no prefix tokens';
  const registers = layout.prefix.filter((p) => p.kind === 'reg').length;
  const named = layout.prefix.filter((p) => p.kind !== 'reg').map((p) => p.name);
  if (registers > 1) named.push(`${registers} registers`);
  else if (registers === 1) named.push('a register');
  return named.join(' + ');
}
