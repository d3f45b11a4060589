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
  const distance = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      const dr = Math.floor(i / cols) - Math.floor(j / cols);
      const dc = (i % cols) - (j % cols);
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
