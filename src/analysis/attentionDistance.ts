/**
 * Mean attention distance (the ViT paper, Dosovitskiy et al. 2021, Fig. 7 right): for each head,
 * the distance in pixels between a query patch's centre and the key patches' centres, weighted by
 * the attention, averaged over query patches. Like a CNN's receptive field size: small for heads
 * that look nearby, large for heads that look across the image.
 */
import { patchToToken, type TokenLayout } from '../model/tokenLayout';

/**
 * Why the distance cannot be computed for this layout, in a sentence, or null when it can: it needs
 * patches on a grid of at least two (prefix tokens have no place in the image), and attention over
 * the layout's tokens.
 */
export function attentionDistanceRuledOut(layout: TokenLayout, attentionTokens: number): string | null {
  if (layout.numPatches < 2) {
    return `This model's tokens are not patches on a grid (${layout.gridRows} × ${layout.gridCols}), so there is no distance between them to measure.`;
  }
  if (attentionTokens !== layout.numTokens) {
    return `The attention covers ${attentionTokens} tokens but the model's layout has ${layout.numTokens}, so its tokens cannot be placed on the image.`;
  }
  return null;
}

/**
 * Per head, [h]. attn is [h, T, T] over the layout's tokens; only patch-to-patch weights count
 * (prefix tokens such as [CLS], [DIST] and registers have no place in the image), renormalised over
 * the patch keys of each query.
 */
export function meanAttentionDistance(attn: ArrayLike<number>, h: number, layout: TokenLayout, patchSize: number): Float64Array {
  const T = layout.numTokens;
  const N = layout.numPatches;
  const cols = layout.gridCols;
  if (attn.length !== h * T * T) {
    throw new RangeError(`attention of ${attn.length} values is not [${h}, ${T}, ${T}] for this layout`);
  }
  const first = patchToToken(layout, 0);
  const rows = layout.gridRows;
  // Distance by offset, not by pair: entry (dr + rows − 1)·width + (dc + cols − 1) for a key dr rows and dc
  // columns from its query. An N × N table (the seed toy's: 1M values) was rebuilt per layer and per image,
  // and read from memory on every step; this one (63 × 63 there) stays in the L1 cache.
  const width = 2 * cols - 1;
  const byOffset = new Float64Array((2 * rows - 1) * width);
  for (let dr = 1 - rows; dr < rows; dr++) {
    for (let dc = 1 - cols; dc < cols; dc++) byOffset[(dr + rows - 1) * width + dc + cols - 1] = patchSize * Math.sqrt(dr * dr + dc * dc);
  }
  const out = new Float64Array(h);
  for (let k = 0; k < h; k++) {
    let total = 0;
    for (let i = 0; i < N; i++) {
      const row = k * T * T + (i + first) * T + first;
      const ri = Math.floor(i / cols);
      const ci = i % cols;
      let weighted = 0;
      let mass = 0;
      // keys in order (j = rj·cols + cj), as the sums always ran: same numbers to the last bit
      for (let rj = 0, j = 0; rj < rows; rj++) {
        const base = (ri - rj + rows - 1) * width + ci + cols - 1;
        for (let cj = 0; cj < cols; cj++, j++) {
          const a = attn[row + j]!;
          weighted += a * byOffset[base - cj]!;
          mass += a;
        }
      }
      total += mass > 0 ? weighted / mass : 0;
    }
    out[k] = total / N;
  }
  return out;
}

/** Every layer's heads: [L][h]. */
export function distancesByLayer(layers: ArrayLike<number>[], h: number, layout: TokenLayout, patchSize: number): Float64Array[] {
  return layers.map((attn) => meanAttentionDistance(attn, h, layout, patchSize));
}

/** The mean over images of [L][h] distances. */
export function averageDistances(perImage: Float64Array[][]): Float64Array[] {
  if (perImage.length === 0) return [];
  return perImage[0]!.map((layer, l) =>
    layer.map((_, k) => perImage.reduce((sum, image) => sum + image[l]![k]!, 0) / perImage.length),
  );
}
