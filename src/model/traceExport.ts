/**
 * trace.npz with the layers the user asks for (the export dialog): which layers (a preset or a
 * typed list such as "0-3, 11"), how big the file will be, and the writing itself, where a layer a
 * partial trace did not record is re-run (the engine's `block` call) and written at once, so a big
 * model's re-run layers are never all held together. Pure but for Blob.
 */
import { LAYER_KEYS, blockInputOf, isRecorded, type LayerTrace, type VitTrace } from './trace';
import { LAYER_NPZ_KEYS, NpzWriter, headArrays, layerArrays, npzBytes, tailArrays } from './traceNpz';

/** Above this the dialog warns that the browser may fail to build the file in one piece */
export const EXPORT_WARN_ABOVE_BYTES = 1e9;

/** Why a typed layer list was refused; the dialog words each kind. */
export type LayerListError =
  | { kind: 'empty' }
  /** a part that is neither a number nor a range `a-b` */
  | { kind: 'syntax'; part: string }
  /** a layer the model does not have (layers are 0 to max) */
  | { kind: 'range'; part: string; max: number }
  /** a range from a larger number to a smaller */
  | { kind: 'reversed'; part: string };

export type LayerListResult = { ok: true; layers: number[] } | { ok: false; error: LayerListError };

/**
 * Reads a typed layer list: numbers and ranges separated by commas or spaces ("0-3, 11", "2 5 7",
 * "4–6" with an en dash), each within 0 … numLayers − 1. The layers come back sorted, each once.
 */
export function parseLayerList(text: string, numLayers: number): LayerListResult {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0) return { ok: false, error: { kind: 'empty' } };
  const layers = new Set<number>();
  const max = numLayers - 1;
  for (const part of parts) {
    const match = /^(\d+)(?:[-–](\d+))?$/.exec(part);
    if (!match) return { ok: false, error: { kind: 'syntax', part } };
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (from > max || to > max) return { ok: false, error: { kind: 'range', part, max } };
    if (from > to) return { ok: false, error: { kind: 'reversed', part } };
    for (let l = from; l <= to; l++) layers.add(l);
  }
  return { ok: true, layers: [...layers].sort((a, b) => a - b) };
}

/** A layer list in its shortest typed form: [0, 1, 2, 3, 11] → "0-3, 11". */
export function formatLayerList(layers: readonly number[]): string {
  const sorted = [...new Set(layers)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(j === i ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return runs.join(', ');
}

/** Whether `layers` (sorted, distinct) is every layer of the trace: the file then has no recorded_layers. */
const isAll = (trace: VitTrace, layers: readonly number[]) => layers.length === trace.layers.length;

/**
 * Bytes of trace.npz holding these layers (sorted, distinct), exactly: a layer not recorded keeps its
 * arrays' shapes (partialTrace.ts), so no layer need be run to know.
 */
export function exportBytes(trace: VitTrace, layers: readonly number[]): number {
  const outside = [...headArrays(trace), ...tailArrays(trace, isAll(trace, layers) ? null : layers)];
  return npzBytes([
    ...outside.map(([key, m]): [string, number[]] => [key, m.shape]),
    ...layers.flatMap((l) =>
      LAYER_KEYS.map((field): [string, number[]] => [`layer${l}.${LAYER_NPZ_KEYS[field]}`, trace.layers[l]![field].shape]),
    ),
  ]);
}

/** The layers of the trace that are not recorded: the ones the export must re-run. */
export const layersToRun = (trace: VitTrace, layers: readonly number[]) => layers.filter((l) => !isRecorded(trace, l));

export interface ExportProgress {
  /** the layer being re-run */
  layer: number;
  /** re-runs finished so far */
  done: number;
  /** re-runs in all */
  count: number;
}

export interface WriteTraceOptions {
  /** re-runs block `layer` from its input (the engine's `block` call); its arrays are the caller's from then on */
  runLayer: (layer: number, input: Float32Array, signal?: AbortSignal) => Promise<LayerTrace>;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
  /** the entries' modification time (ms since 1970), now by default */
  mtime?: number;
}

/**
 * trace.npz with `layers` (sorted, distinct): the layers not recorded are re-run one at a time and
 * written (sealed into a Blob) before the next starts. Every layer gives exactly a full trace's
 * file; fewer add recorded_layers. Throws the signal's reason when aborted.
 */
export async function writeTraceNpz(trace: VitTrace, layers: readonly number[], options: WriteTraceOptions): Promise<Blob> {
  const { runLayer, signal, onProgress } = options;
  const writer = new NpzWriter(options.mtime);
  for (const [key, matrix] of headArrays(trace)) writer.add(key, matrix);
  const toRun = layersToRun(trace, layers);
  let done = 0;
  for (const l of layers) {
    signal?.throwIfAborted();
    const recorded = isRecorded(trace, l);
    if (!recorded) onProgress?.({ layer: l, done, count: toRun.length });
    // a copy: the engine's call moves its input away
    const layer = recorded ? trace.layers[l]! : await runLayer(l, blockInputOf(trace, l).slice(), signal);
    signal?.throwIfAborted();
    for (const [key, matrix] of layerArrays(l, layer)) writer.add(key, matrix);
    if (!recorded) {
      writer.seal(); // the re-run layer's arrays go with this function's scope
      done++;
    }
  }
  for (const [key, matrix] of tailArrays(trace, isAll(trace, layers) ? null : layers)) writer.add(key, matrix);
  if (toRun.length > 0) onProgress?.({ layer: toRun.at(-1)!, done, count: toRun.length });
  return writer.blob();
}
