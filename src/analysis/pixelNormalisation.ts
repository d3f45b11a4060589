/**
 * The preprocessor's last two steps as a pair of per-channel affine maps between a pixel (0…255)
 * and the model's input value: x = (pixel · rescale − mean) / std, and back. Masks fill in pixel
 * space (black is pixel 0, not input 0) and the masked input is drawn back as pixels.
 */
import type { PreprocessorConfig } from '../model/preprocessorConfig';

export interface PixelNormalisation {
  /** the rescale factor (1/255 for Hugging Face's processors; 1 when the processor does not rescale) */
  rescale: number;
  /** per channel, in rescaled units (0 and 1 when the processor does not normalise) */
  mean: readonly number[];
  std: readonly number[];
  /** the dataset's mean colour, rescaled (the processor's image_mean, even when it does not normalise) */
  meanColour: readonly number[];
}

export function normalisationOf(p: PreprocessorConfig): PixelNormalisation {
  return {
    rescale: p.doRescale ? p.rescaleFactor : 1,
    mean: p.doNormalize ? [...p.imageMean] : [0, 0, 0],
    std: p.doNormalize ? [...p.imageStd] : [1, 1, 1],
    meanColour: [...p.imageMean],
  };
}

/** The model's input value of a pixel value (0…255) in channel c. */
export const pixelToInput = (n: PixelNormalisation, c: number, pixel: number): number =>
  (pixel * n.rescale - (n.mean[c] ?? 0)) / (n.std[c] ?? 1);

/** The pixel value (0…255, not rounded or clamped) an input value in channel c stands for. */
export const inputToPixel = (n: PixelNormalisation, c: number, value: number): number =>
  (value * (n.std[c] ?? 1) + (n.mean[c] ?? 0)) / n.rescale;

/** The dataset's mean colour as pixels (0…255): what the normaliser maps to 0. */
export const meanPixel = (n: PixelNormalisation, c: number): number => (n.meanColour[c] ?? 0) / n.rescale;

/** A [3, S, S] input drawn back as RGBA pixels (rounded, clamped to 0…255; opaque). */
export function inputToRgba(input: Float32Array, size: number, n: PixelNormalisation): Uint8ClampedArray {
  const plane = size * size;
  const out = new Uint8ClampedArray(plane * 4);
  for (let i = 0; i < plane; i++) {
    for (let c = 0; c < 3; c++) out[i * 4 + c] = Math.round(inputToPixel(n, c, input[c * plane + i]!));
    out[i * 4 + 3] = 255;
  }
  return out;
}
