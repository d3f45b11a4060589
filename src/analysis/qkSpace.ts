/**
 * The joint query/key space of one head (Yeh et al. 2023, "AttentionViz"): a head's T queries and
 * T keys as 2T points in one picture. The two are first scaled to the same mean norm, then the
 * keys shifted so their centroid sits on the queries': neither changes the head's attention (softmax
 * ignores a shift common to a query's scores, and q·k is unchanged by q·c, k/c), but it puts
 * queries beside the keys they attend to.
 */
import { UMAP } from 'umap-js';
import { pca, project } from './pca';
import { seededRandom } from '../model/seededRandom';
import { betweenLayers } from '../model/betweenLayers';

/** UMAP's epochs run in slices of about this many milliseconds, the event loop between them. */
const SLICE_MS = 12;

/** [2T, d]: the head's queries then its keys, aligned as described above. q and k are [h, T, d]. */
export function jointQueryKey(q: ArrayLike<number>, k: ArrayLike<number>, head: number, T: number, d: number): Float64Array {
  const at = head * T * d;
  const meanNorm = (x: ArrayLike<number>) => {
    let total = 0;
    for (let t = 0; t < T; t++) {
      let s = 0;
      for (let e = 0; e < d; e++) s += x[at + t * d + e]! ** 2;
      total += Math.sqrt(s) / T;
    }
    return total;
  };
  // q·α and k/α keep every q·k; α² = mean‖k‖ / mean‖q‖ gives both the same mean norm
  const qNorm = meanNorm(q);
  const kNorm = meanNorm(k);
  const alpha = qNorm > 0 && kNorm > 0 ? Math.sqrt(kNorm / qNorm) : 1;
  const out = new Float64Array(2 * T * d);
  for (let i = 0; i < T * d; i++) {
    out[i] = q[at + i]! * alpha;
    out[T * d + i] = k[at + i]! / alpha;
  }
  // then the keys' centroid onto the queries'
  for (let e = 0; e < d; e++) {
    let shift = 0;
    for (let t = 0; t < T; t++) shift += (out[t * d + e]! - out[(T + t) * d + e]!) / T;
    for (let t = 0; t < T; t++) out[(T + t) * d + e]! += shift;
  }
  return out;
}

/** The points' first two principal components: [n, 2]. */
export function pcaLayout(points: ArrayLike<number>, n: number, d: number): Float64Array {
  return project(points, n, d, pca(points, n, d, 2));
}

/** A UMAP layout [n, 2] (umap-js, seeded so the same head gives the same picture); stops when `signal` aborts. */
export async function umapLayout(
  points: ArrayLike<number>,
  n: number,
  d: number,
  options: { onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
): Promise<Float64Array> {
  const rows = Array.from({ length: n }, (_, i) => Array.prototype.slice.call(points, i * d, (i + 1) * d) as number[]);
  const umap = new UMAP({ nComponents: 2, nNeighbors: Math.min(15, n - 1), minDist: 0.1, random: seededRandom(42) });
  const epochs = umap.initializeFit(rows);
  let slice = performance.now();
  for (let epoch = 0; epoch < epochs; epoch++) {
    umap.step();
    // gives way every SLICE_MS, not every so many epochs: an epoch of the seed toy's 2,048 points takes ~7 ms
    if (performance.now() - slice > SLICE_MS) {
      options.onProgress?.(epoch / epochs);
      await betweenLayers(options.signal);
      slice = performance.now();
    }
  }
  options.signal?.throwIfAborted();
  const embedding = umap.getEmbedding();
  return Float64Array.from(embedding.flat());
}
