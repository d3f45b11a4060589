/**
 * Mean attention distance (the ViT paper, Dosovitskiy et al. 2021, Fig. 7 right): for each head,
 * the distance in pixels between a query patch's centre and the key patches' centres, weighted by
 * the attention, averaged over query patches. Like a CNN's receptive field size: small for heads
 * that look nearby, large for heads that look across the image.
 */

/**
 * Per head, [h]. attn is [h, T, T]; only patch-to-patch weights count ([CLS] has no place in the
 * image), renormalised over the patch keys of each query.
 */
export function meanAttentionDistance(
  attn: ArrayLike<number>,
  h: number,
  T: number,
  grid: number,
  patchSize: number,
  hasClassToken: boolean,
): Float64Array {
  const first = hasClassToken ? 1 : 0;
  const N = grid * grid;
  if (T - first !== N)
    throw new Error(`attention has ${T} tokens; a ${grid} × ${grid} grid${hasClassToken ? ' and [CLS]' : ''} needs ${N + first}`);
  const distance = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      const dr = Math.floor(i / grid) - Math.floor(j / grid);
      const dc = (i % grid) - (j % grid);
      distance[i * N + j] = patchSize * Math.sqrt(dr * dr + dc * dc);
    }
  }
  const out = new Float64Array(h);
  for (let k = 0; k < h; k++) {
    let total = 0;
    for (let i = 0; i < N; i++) {
      const row = k * T * T + (i + first) * T + first;
      let weighted = 0;
      let mass = 0;
      for (let j = 0; j < N; j++) {
        const a = attn[row + j]!;
        weighted += a * distance[i * N + j]!;
        mass += a;
      }
      total += mass > 0 ? weighted / mass : 0;
    }
    out[k] = total / N;
  }
  return out;
}

/** Every layer's heads: [L][h]. */
export function distancesByLayer(
  layers: ArrayLike<number>[],
  h: number,
  T: number,
  grid: number,
  patchSize: number,
  hasClassToken: boolean,
): Float64Array[] {
  return layers.map((attn) => meanAttentionDistance(attn, h, T, grid, patchSize, hasClassToken));
}

/** The mean over images of [L][h] distances. */
export function averageDistances(perImage: Float64Array[][]): Float64Array[] {
  if (perImage.length === 0) return [];
  return perImage[0]!.map((layer, l) =>
    layer.map((_, k) => perImage.reduce((sum, image) => sum + image[l]![k]!, 0) / perImage.length),
  );
}
