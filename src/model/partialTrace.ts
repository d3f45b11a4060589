/**
 * Partial traces, for models whose full trace does not fit (ViT-L/16 at 384 px: ~2.2 GB): the pass
 * records the heavy arrays of the layers on screen only, keeps every layer's output (the next
 * block's input, small) and re-runs any other layer alone when it is shown (forward.ts, runBlock).
 * This file decides which layers to record and merges a re-run layer into a trace; pure.
 */
import type { VitConfig } from './config';
import { estimateMemory } from './memoryEstimate';
import type { LayerTrace, VitTrace } from './trace';

/** `?record=`: auto (partial only when the full trace is too big), shown (always partial), all (always full) */
export type RecordMode = 'auto' | 'shown' | 'all';

/** A full trace above this is recorded partially */
export const PARTIAL_TRACE_ABOVE_BYTES = 2 ** 30;
/** ... and so is one whose weights and trace together are above this */
export const PARTIAL_TOTAL_ABOVE_BYTES = 2 * 2 ** 30;
/** Layers a partial trace holds at most: the two shown first (layer 0 and the address's) and one re-run */
export const PARTIAL_LAYERS_HELD = 3;

/** The `?record=` parameter of an address (untrusted: anything but shown or all is auto). */
export function recordModeFrom(search: string): RecordMode {
  const value = new URLSearchParams(search).get('record');
  return value === 'shown' || value === 'all' ? value : 'auto';
}

/** Whether this model's trace is recorded partially under `mode`. */
export function isPartialFor(config: VitConfig, numClasses: number, mode: RecordMode): boolean {
  if (mode !== 'auto') return mode === 'shown' && config.numLayers > 1;
  const full = estimateMemory(config, numClasses);
  return full.traceBytes > PARTIAL_TRACE_ABOVE_BYTES || full.weightsBytes + full.traceBytes > PARTIAL_TOTAL_ABOVE_BYTES;
}

/** How many layers' arrays the page will hold for this model: for the memory verdict. */
export function layersHeld(config: VitConfig, numClasses: number, mode: RecordMode): number {
  return isPartialFor(config, numClasses, mode) ? Math.min(config.numLayers, PARTIAL_LAYERS_HELD) : config.numLayers;
}

/**
 * The layers to record for a pass (sorted, distinct): undefined for a full trace; else layer 0 (the
 * first view's and the patch projection's) and the layer on screen.
 */
export function recordLayersFor(
  config: VitConfig,
  numClasses: number,
  mode: RecordMode,
  shownLayer: number,
): number[] | undefined {
  if (!isPartialFor(config, numClasses, mode)) return undefined;
  const shown = Number.isInteger(shownLayer) ? Math.min(Math.max(shownLayer, 0), config.numLayers - 1) : 0;
  return [...new Set([0, shown])].sort((a, b) => a - b);
}

/** The trace with layer l's arrays (from runBlock) in place: a new trace object sharing everything else. */
export function withLayer(trace: VitTrace, l: number, layer: LayerTrace): VitTrace {
  const layers = trace.layers.slice();
  layers[l] = layer;
  const recorded = trace.recorded ? trace.recorded.slice() : trace.layers.map(() => true);
  recorded[l] = true;
  return { ...trace, layers, recorded };
}

// (in trace.ts, which the export's lazy chunk reads without this file and the memory estimate behind it)
export { blockInputOf, recordedLayers } from './trace';
