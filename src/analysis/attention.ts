import type { Matrix, VitTrace } from '../model/trace';
import { prefixCount, type TokenPrefix } from './tokens';

/** One head's [T, T] slice of an [h, T, T] attention tensor (a view, not a copy). */
export function headMatrix(attn: Matrix, head: number): Float32Array {
  const [h, T, T2] = attn.shape as [number, number, number];
  if (head < 0 || head >= h) throw new RangeError(`head ${head} is outside 0…${h - 1}`);
  return attn.data.subarray(head * T * T2, (head + 1) * T * T2);
}

export type ColorScope = 'head' | 'layer' | 'model';

function maxOf(values: Float32Array): number {
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i]! > hi) hi = values[i]!;
  return hi;
}

/**
 * The colour domain of a head's attention map: over that head, its layer, or every layer, so that
 * heads can be compared honestly. Attention weights are ≥ 0, so the domain starts at 0.
 */
export function attentionDomain(trace: VitTrace, layer: number, head: number, scope: ColorScope): [number, number] {
  const arrays =
    scope === 'head'
      ? [headMatrix(trace.layers[layer]!.attn, head)]
      : scope === 'layer'
        ? [trace.layers[layer]!.attn.data]
        : trace.layers.map((l) => l.attn.data);
  let hi = -Infinity;
  for (const a of arrays) hi = Math.max(hi, maxOf(a));
  return [0, hi > 0 ? hi : 1];
}

export interface TokenPosition {
  /** 'cls' for the class token, 'patch' otherwise */
  kind: 'cls' | 'patch';
  /** patch row and column in the grid; -1 for [CLS] */
  row: number;
  col: number;
  label: string;
}

/** What token t is: [CLS], DeiT's distillation token, or the patch at (row, column). */
export function tokenPosition(token: number, grid: number, prefix: TokenPrefix): TokenPosition {
  const n = prefixCount(prefix);
  if (n > 0 && token === 0) return { kind: 'cls', row: -1, col: -1, label: '[CLS]' };
  if (n > 1 && token === 1) return { kind: 'cls', row: -1, col: -1, label: '[DIST] (distillation token)' };
  const patch = token - n;
  const row = Math.floor(patch / grid);
  const col = patch % grid;
  return { kind: 'patch', row, col, label: `patch ${patch} (row ${row}, col ${col})` };
}
