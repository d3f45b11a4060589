/**
 * Is a map faithful? Deletion and insertion curves (Petsiuk et al. 2018, RISE; used for ViTs by
 * Chefer et al. 2021): remove the patches a map ranks highest first (or add them back to a blank
 * image) and watch the class probability. A faithful map makes it fall fast on deletion (small area
 * under the curve) and rise fast on insertion (large area). Random order is the baseline.
 */
import { betweenLayers } from '../model/betweenLayers';
import { seededRandom } from '../model/seededRandom';
import type { VitTrace } from '../model/trace';
import { headMatrix } from './attention';
import { classMapOf } from './classMap';
import type { AnalysisEngine, JobControl } from './engine';
import { imageRow, imageRowKind, imageRowName, rolloutMapOf, type ImageRowKind } from './rollout';
import { maskPatches, type ImageGeometry, type PatchFill } from './masking';
import { softmax } from './softmax';

export { maskPatches, type ImageGeometry } from './masking';

/** Patch indices, highest value first (ties: lower index first). */
export function rankPatches(map: ArrayLike<number>): number[] {
  return Array.from({ length: map.length }, (_, i) => i).sort((a, b) => map[b]! - map[a]! || a - b);
}

/** A random order of n patches, the same for the same seed. */
export function randomOrder(n: number, seed = 1): number[] {
  const random = seededRandom(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

export type CurveKind = 'deletion' | 'insertion';

/** The fractions of patches removed (deletion) or present (insertion) at each point: 0, 1/steps, …, 1. */
export function curveFractions(steps: number): number[] {
  return Array.from({ length: steps + 1 }, (_, i) => i / steps);
}

/** The patches kept at each point along one curve: that share of them removed (deletion) or added back (insertion) in `order`. */
export function curveKeeps(order: number[], steps: number, kind: CurveKind): boolean[][] {
  const n = order.length;
  return curveFractions(steps).map((f) => {
    const count = Math.round(f * n);
    const keep = new Array<boolean>(n).fill(kind === 'deletion');
    for (let i = 0; i < count; i++) keep[order[i]!] = kind === 'insertion';
    return keep;
  });
}

/** The inputs along one curve: for each fraction, the image with that share of patches removed or added back in `order`. */
export function curveInputs(
  input: Float32Array,
  g: ImageGeometry,
  order: number[],
  steps: number,
  kind: CurveKind,
  fill: PatchFill = 0,
): Float32Array[] {
  return curveKeeps(order, steps, kind).map((keep) => maskPatches(input, g, keep, fill));
}

/** The area under y(x) by the trapezoid rule. */
export function areaUnderCurve(xs: number[], ys: number[]): number {
  let area = 0;
  for (let i = 1; i < xs.length; i++) area += ((xs[i]! - xs[i - 1]!) * (ys[i]! + ys[i - 1]!)) / 2;
  return area;
}

export interface Curve {
  name: string;
  color: string;
  /** the head whose attention row made the ordering (the view names it in its language) */
  head?: HeadOfMap;
  deletion: number[];
  insertion: number[];
}

export interface Curves {
  fractions: number[];
  curves: Curve[];
  classIndex: number;
}

export interface FaithfulnessOptions {
  classIndex: number;
  /** points along each curve, besides 0 */
  steps: number;
  /** the head whose [CLS] (or mean) row is one of the maps */
  layer: number;
  head: number;
}

/**
 * The forward passes a run costs at most: four maps × two curves × (steps + 1) points, less the ends
 * every curve shares (the whole image and the blank one), each run once; points of two maps that
 * keep the same patches run once too.
 */
export const faithfulnessRuns = (steps: number): number => 4 * 2 * (steps - 1) + 2;

/** Images sent to the engine at once: a few of its batches, few enough that their copies stay small (ViT-B: 12 MB). */
export const IMAGES_PER_CALL = 20;

/** The name of the head's map in the curves: "layer 2 head 1 [CLS] attention". */
export const headMapName = (trace: VitTrace, layer: number, head: number): string =>
  `layer ${layer} head ${head} ${imageRowName(trace.layout).replace(' row', '')} attention`;

/** A head's map in the curves: its layer and head, and whether its row is [CLS]'s or the tokens' mean. */
export interface HeadOfMap {
  layer: number;
  head: number;
  row: ImageRowKind;
}

export interface CurveOrder {
  name: string;
  color: string;
  head?: HeadOfMap;
  /** patch indices, the one removed (or added back) first first */
  order: number[];
}

/** The four orderings the curves compare: rollout, the class map (through the engine's gradients), one head's attention row, random. */
export async function curveOrders(
  trace: VitTrace,
  engine: Pick<AnalysisEngine, 'gradients'>,
  options: FaithfulnessOptions,
  signal?: AbortSignal,
): Promise<CurveOrder[]> {
  const { classIndex, layer, head } = options;
  const { layout } = trace;
  const classMap = await classMapOf(trace, engine, classIndex, { signal });
  // the class map's and the rollout's arithmetic run on the page (ViT-B: tens of ms each): a click between them is served
  await betweenLayers(signal);
  const rollout = rolloutMapOf(trace, { fusion: 'mean', discardRatio: 0, upToLayer: trace.layers.length - 1 });
  await betweenLayers(signal);
  return [
    { name: 'rollout', color: '#e8590c', order: rankPatches(rollout) },
    { name: 'class map', color: '#c2255c', order: rankPatches(classMap) },
    {
      name: headMapName(trace, layer, head),
      color: '#1c7ed6',
      head: { layer, head, row: imageRowKind(layout) },
      order: rankPatches(imageRow(headMatrix(trace.layers[layer]!.attn, head), layout)),
    },
    { name: 'random', color: '#868e96', order: randomOrder(layout.numPatches, 1) },
  ];
}

/**
 * Every point of every curve, as the patches it keeps: `unique`, each distinct set of kept patches
 * once (points that keep the same patches run once), and `points[map][deletion 0 | insertion 1][i]`,
 * each point's index into it.
 */
export function curvePoints(maps: Pick<CurveOrder, 'order'>[], steps: number): { unique: boolean[][]; points: number[][][] } {
  const keys = new Map<string, number>();
  const unique: boolean[][] = [];
  const points = maps.map((m) =>
    (['deletion', 'insertion'] as CurveKind[]).map((kind) =>
      curveKeeps(m.order, steps, kind).map((keep) => {
        const key = keep.map(Number).join('');
        if (!keys.has(key)) keys.set(key, unique.push(keep) - 1);
        return keys.get(key)!;
      }),
    ),
  );
  return { unique, points };
}

/**
 * Deletion and insertion curves of four orderings (curveOrders) for one class: every distinct
 * masked image goes once through `engine.logits`, a few batches to a call.
 */
export async function faithfulnessCurves(
  trace: VitTrace,
  engine: Pick<AnalysisEngine, 'logits' | 'gradients'>,
  options: FaithfulnessOptions,
  control: JobControl = {},
): Promise<Curves> {
  const { classIndex, steps } = options;
  const maps = await curveOrders(trace, engine, options, control.signal);
  const geometry = { channels: trace.config.numChannels, size: trace.config.imageSize, patchSize: trace.config.patchSize };
  const { unique, points } = curvePoints(maps, steps);
  const probabilities: number[] = [];
  for (let start = 0; start < unique.length; start += IMAGES_PER_CALL) {
    const inputs = unique.slice(start, start + IMAGES_PER_CALL).map((keep) => maskPatches(trace.input.data, geometry, keep));
    const logits = await engine.logits(inputs, {
      handOver: true,
      signal: control.signal,
      onProgress: (f) => control.onProgress?.((start + f * inputs.length) / unique.length),
    });
    probabilities.push(...logits.map((l) => softmax(l)[classIndex]!));
  }
  const curves = maps.map((m, i): Curve => {
    const [deletion, insertion] = points[i]!.map((curve) => curve.map((u) => probabilities[u]!));
    return { name: m.name, color: m.color, ...(m.head && { head: m.head }), deletion: deletion!, insertion: insertion! };
  });
  return { fractions: curveFractions(steps), curves, classIndex };
}
