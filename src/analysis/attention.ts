import type { Matrix, VitTrace } from '../model/trace';

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
