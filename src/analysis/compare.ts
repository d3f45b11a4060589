/**
 * Two runs side by side: the array each stage shows for a layer and head, the query token's
 * attention over the patch grid, and B − A where the shapes agree (null, with the reason, where not).
 */
import type { StageId } from '../state/stages';
import type { Matrix, VitTrace } from '../model/trace';
import type { TokenLayout } from '../model/tokenLayout';

/** A 2-D array to draw: rows × cols values, and the trace's name for the tensor it comes from. */
export interface ShownArray {
  /** what it is, in the trace's terms (e.g. "layers[2].attn[1]") */
  source: string;
  values: Float32Array;
  rows: number;
  cols: number;
  /** signed values get a diverging map centred on 0; attention weights a sequential one from 0 */
  signed: boolean;
}

/** One head's [T, x] slice of an [h, T, x] array. */
function headSlice(m: Matrix, head: number): { values: Float32Array; rows: number; cols: number } {
  const [h, rows, cols] = m.shape as [number, number, number];
  if (head < 0 || head >= h) throw new RangeError(`head ${head} is outside 0…${h - 1}`);
  return { values: m.data.subarray(head * rows * cols, (head + 1) * rows * cols), rows, cols };
}

const whole = (m: Matrix) => ({ values: m.data, rows: m.shape[0]!, cols: m.shape[1]! });

/**
 * The array a stage is about, for the selected layer and head (null when this trace has no such
 * layer or head, e.g. a model B with fewer of them).
 */
export function stageArray(trace: VitTrace, stage: StageId, layer: number, head: number): ShownArray | null {
  const inLayer = !['patches', 'patch-embedding', 'position', 'classifier'].includes(stage);
  if (inLayer && (layer < 0 || layer >= trace.layers.length)) return null;
  if (['qkv', 'scores', 'context'].includes(stage) && (head < 0 || head >= trace.config.numHeads)) return null;
  const l = trace.layers[layer]!;
  switch (stage) {
    case 'patches':
    case 'patch-embedding':
      return { source: 'patchTokens', ...whole(trace.patchTokens), signed: true };
    case 'position':
      return { source: 'embeddings', ...whole(trace.embeddings), signed: true };
    case 'norm1':
      return { source: `layers[${layer}].norm1`, ...whole(l.norm1), signed: true };
    case 'qkv':
      return { source: `layers[${layer}].q[${head}]`, ...headSlice(l.q, head), signed: true };
    case 'scores':
      return { source: `layers[${layer}].attn[${head}]`, ...headSlice(l.attn, head), signed: false };
    case 'context':
      return { source: `layers[${layer}].context[${head}]`, ...headSlice(l.context, head), signed: true };
    case 'attn-out':
      return { source: `layers[${layer}].attnOut`, ...whole(l.attnOut), signed: true };
    case 'mlp':
      return { source: `layers[${layer}].out`, ...whole(l.out), signed: true };
    case 'classifier':
      return { source: 'finalNorm', ...whole(trace.finalNorm), signed: true };
  }
}

/**
 * The query token's attention over the patch grid for one head: [gridRows, gridCols], the prefix
 * tokens left out. Null when the trace has no such layer or head, or the query is outside it.
 */
export function queryAttentionGrid(trace: VitTrace, layer: number, head: number, query: number): ShownArray | null {
  const l = trace.layers[layer];
  if (!l || head < 0 || head >= trace.config.numHeads) return null;
  const { gridRows, gridCols, numTokens, prefix } = trace.layout;
  if (query < 0 || query >= numTokens) return null;
  const row = headSlice(l.attn, head).values.subarray(query * numTokens, (query + 1) * numTokens);
  return {
    source: `layers[${layer}].attn[${head}][${query}, ${prefix.length}:]`,
    values: row.slice(prefix.length),
    rows: gridRows,
    cols: gridCols,
    signed: false,
  };
}

export type Difference = { kind: 'ok'; values: Float32Array; maxAbs: number } | { kind: 'mismatch'; reason: string };

/** B − A, elementwise, when both are the same shape; otherwise why not. */
export function differenceOf(a: ShownArray, b: ShownArray): Difference {
  if (a.rows !== b.rows || a.cols !== b.cols || a.values.length !== b.values.length) {
    return { kind: 'mismatch', reason: `[${a.rows}, ${a.cols}] ≠ [${b.rows}, ${b.cols}]` };
  }
  const values = new Float32Array(a.values.length);
  let maxAbs = 0;
  for (let i = 0; i < values.length; i++) {
    const d = b.values[i]! - a.values[i]!;
    values[i] = d;
    if (Math.abs(d) > maxAbs) maxAbs = Math.abs(d);
  }
  return { kind: 'ok', values, maxAbs };
}

/** A colour domain both sides share, so equal colours mean equal numbers: [0, max] or symmetric around 0. */
export function sharedDomain(arrays: ShownArray[], signed: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays)
    for (let i = 0; i < a.values.length; i++) {
      const v = a.values[i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return signed ? [-1, 1] : [0, 1];
  if (signed) {
    const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    return [-m, m];
  }
  return [Math.min(0, lo), hi > 0 ? hi : 1];
}

/** A domain symmetric around 0 for a difference (a zero difference still gets a usable scale). */
export function symmetricAround0(maxAbs: number): [number, number] {
  const m = Number.isFinite(maxAbs) && maxAbs > 0 ? maxAbs : 1e-6;
  return [-m, m];
}

/**
 * Whether model B's tokens line up with A's one to one: the same prefix tokens in the same order
 * and the same patch grid. Returns null when they do, else the first difference in words.
 */
export function layoutMismatch(a: TokenLayout, b: TokenLayout): string | null {
  const names = (l: TokenLayout) => l.prefix.map((p) => p.name).join(' ') || '—';
  if (names(a) !== names(b)) return `prefix ${names(b)} ≠ ${names(a)}`;
  if (a.gridRows !== b.gridRows || a.gridCols !== b.gridCols)
    return `grid ${b.gridRows} × ${b.gridCols} ≠ ${a.gridRows} × ${a.gridCols}`;
  return null;
}
