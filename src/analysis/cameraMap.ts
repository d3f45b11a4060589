/**
 * What the live camera draws over each frame: one value per patch from that frame's attention
 * ([h, T, T] per layer), for the chosen view. Pure; the rollout is rollout.ts's.
 */
import type { TokenLayout } from '../model/tokenLayout';
import { fuseHeads, imageRow, rolloutImageRow } from './rollout';
import { softmax } from './softmax';
import { topK, type RankedClass } from './topK';

export type CameraView = { kind: 'head'; layer: number; head: number } | { kind: 'mean'; layer: number } | { kind: 'rollout' };

/** The view as a select's value: "head:L:H", "mean:L" or "rollout". */
export function cameraViewKey(view: CameraView): string {
  if (view.kind === 'head') return `head:${view.layer}:${view.head}`;
  if (view.kind === 'mean') return `mean:${view.layer}`;
  return 'rollout';
}

/** A select's value back to a view, or null when it names no layer or head of this model. */
export function parseCameraView(key: string, numLayers: number, numHeads: number): CameraView | null {
  const parts = key.split(':');
  const index = (s: string | undefined, n: number) => (s !== undefined && /^\d+$/.test(s) && Number(s) < n ? Number(s) : null);
  if (parts[0] === 'rollout' && parts.length === 1) return { kind: 'rollout' };
  const layer = index(parts[1], numLayers);
  if (layer === null) return null;
  if (parts[0] === 'mean' && parts.length === 2) return { kind: 'mean', layer };
  const head = index(parts[2], numHeads);
  if (parts[0] === 'head' && parts.length === 3 && head !== null) return { kind: 'head', layer, head };
  return null;
}

/** The chosen view's [CLS] row (mean row without [CLS]) over the patches, [N]. */
export function cameraMap(attention: Float32Array[], numHeads: number, layout: TokenLayout, view: CameraView): Float32Array {
  const T = layout.numTokens;
  if (view.kind === 'rollout') {
    return rolloutImageRow(attention, numHeads, layout, { fusion: 'mean', discardRatio: 0, upToLayer: attention.length - 1 });
  }
  const attn = attention[view.layer];
  if (!attn) throw new RangeError(`layer ${view.layer} is outside 0…${attention.length - 1}`);
  if (view.kind === 'mean') return imageRow(fuseHeads(attn, numHeads, T, 'mean'), layout);
  if (view.head < 0 || view.head >= numHeads) throw new RangeError(`head ${view.head} is outside 0…${numHeads - 1}`);
  return imageRow(attn.subarray(view.head * T * T, (view.head + 1) * T * T), layout);
}

/** The frame's most probable classes from its logits; null for a model without a classifier. */
export function cameraTop(logits: Float32Array | null, labels: readonly string[], k = 3): RankedClass[] | null {
  return logits ? topK(softmax(logits), labels, k) : null;
}
