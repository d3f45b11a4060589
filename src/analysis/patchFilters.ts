/**
 * The patch embedding's filters (the ViT paper, Fig. 7 left): the principal components of the D
 * linear filters that turn a P × P patch into a token, each drawn as a small RGB patch. In trained
 * ViTs they resemble the basis functions of a low-dimensional image code (blobs, edges, colours).
 */
import { pca } from './pca';

export interface FilterComponents {
  /** one RGBA image (P × P pixels) per component */
  images: Uint8ClampedArray[];
  /** the share of the filters' variance each component explains, 0…1 */
  explained: number[];
  patchSize: number;
}

/** PCA of the filters [D, C·P·P] (C·P·P in channel, y, x order), k components as RGB patches. */
export function filterComponents(
  filters: ArrayLike<number>,
  D: number,
  channels: number,
  patchSize: number,
  k: number,
): FilterComponents {
  const width = channels * patchSize * patchSize;
  const p = pca(filters, D, width, k);
  const images = p.components.map((component) => componentImage(component, channels, patchSize));
  return { images, explained: p.variances.map((v) => v / (p.totalVariance || 1)), patchSize };
}

/** A component as an RGBA patch: each value mapped to 0.5 ± 0.5·v / max|v|, grey for one channel. */
export function componentImage(component: ArrayLike<number>, channels: number, patchSize: number): Uint8ClampedArray {
  let max = 0;
  for (let i = 0; i < component.length; i++) max = Math.max(max, Math.abs(component[i]!));
  const pp = patchSize * patchSize;
  const out = new Uint8ClampedArray(pp * 4);
  for (let i = 0; i < pp; i++) {
    for (let rgb = 0; rgb < 3; rgb++) {
      const v = component[Math.min(rgb, channels - 1) * pp + i]!;
      out[i * 4 + rgb] = Math.round(255 * (0.5 + (0.5 * v) / (max || 1)));
    }
    out[i * 4 + 3] = 255;
  }
  return out;
}
