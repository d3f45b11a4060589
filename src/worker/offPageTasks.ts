/**
 * The analyses analysisWorker.ts runs: each a pure function of src/analysis/ with its arguments as one
 * object (what crosses to the worker) and the buffers its result can give up without a copy. offPage
 * checks the signal before a task starts; in the worker the control has no signal: Cancel ends the
 * worker itself.
 */
import { umapLayout } from '../analysis/qkSpace';
import { filterComponents, type FilterComponents } from '../analysis/patchFilters';
import type { JobControl } from '../analysis/engine';
import { readoutLogits } from '../analysis/logitLens';
import { softmaxRows } from '../analysis/softmax';
import { featureRgbOfRows } from '../analysis/tokenFeatures';
import type { ReadoutWeights } from '../model/weightArrays';

export const OFF_PAGE_TASKS = {
  umap: async ({ points, n, d }: { points: Float64Array; n: number; d: number }, control: JobControl) => {
    const result = await umapLayout(points, n, d, control);
    return { result, transfer: [result.buffer] };
  },
  filterComponents: async (a: { filters: Float32Array; D: number; channels: number; patchSize: number; k: number }) => {
    const result: FilterComponents = filterComponents(a.filters, a.D, a.channels, a.patchSize, a.k);
    return { result, transfer: result.images.map((image) => image.buffer) };
  },
  /** the logit lens's patches at one depth: softmax(readoutLogits) of rows first…first+count−1 of x, [count, C] */
  readoutProbs: async (a: { x: Float32Array; first: number; count: number; w: ReadoutWeights }) => {
    const result = softmaxRows(readoutLogits(a.x, a.first, a.count, a.w), a.w.weight.shape[1]!);
    return { result, transfer: [result.buffer] };
  },
  /** the token-norm tab's feature PCA of one layer's patch rows [N, D] */
  featureRgb: async ({ rows, N, D }: { rows: Float32Array; N: number; D: number }) => {
    const result = featureRgbOfRows(rows, N, D);
    return { result, transfer: [result.rgb.buffer] };
  },
} satisfies Record<string, (args: never, control: JobControl) => Promise<{ result: unknown; transfer: Transferable[] }>>;

export type OffPageTask = keyof typeof OFF_PAGE_TASKS;
export type OffPageArgs<K extends OffPageTask> = Parameters<(typeof OFF_PAGE_TASKS)[K]>[0];
export type OffPageResult<K extends OffPageTask> = Awaited<ReturnType<(typeof OFF_PAGE_TASKS)[K]>>['result'];

export type OffPageRequest = { [K in OffPageTask]: { task: K; args: OffPageArgs<K> } }[OffPageTask];

export type OffPageReply =
  { kind: 'progress'; fraction: number } | { kind: 'done'; result: unknown } | { kind: 'failed'; message: string };
