/**
 * From decoded pixels to the model's input, step by step, as Hugging Face's ViT/DeiT image
 * processors do it: resize (Pillow's resampling), centre crop, rescale, normalise.
 */
import { pilResize } from './pilResize';
import type { PreprocessorConfig } from './preprocessorConfig';

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, row-major */
  data: Uint8ClampedArray;
}

export interface CropBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface PreprocessSteps {
  original: { width: number; height: number };
  resized: { width: number; height: number } | null;
  crop: CropBox | null;
  /** the pixels the model sees */
  final: Pixels;
  /** [3, H, W], rescaled and normalised */
  input: Float32Array;
  /** per-channel [min, max] of the input */
  ranges: [number, number][];
}

/** Hugging Face's get_resize_output_image_size: the output (width, height) of the resize step. */
export function resizedSize(width: number, height: number, p: PreprocessorConfig): { width: number; height: number } {
  if (p.size.kind === 'exact') return { width: p.size.width, height: p.size.height };
  const short = Math.min(width, height);
  const long = Math.max(width, height);
  const newShort = p.size.shortestEdge;
  const newLong = Math.floor((newShort * long) / short);
  return width <= height ? { width: newShort, height: newLong } : { width: newLong, height: newShort };
}

/** Hugging Face's center_crop box: top = (H − h) // 2, left = (W − w) // 2 (negative when it pads). */
export function centerCropBox(width: number, height: number, crop: { width: number; height: number }): CropBox {
  return {
    left: Math.floor((width - crop.width) / 2),
    top: Math.floor((height - crop.height) / 2),
    width: crop.width,
    height: crop.height,
  };
}

function cropPixels(src: Pixels, box: CropBox): Pixels {
  const out = new Uint8ClampedArray(box.width * box.height * 4); // outside the image: zeros, as Hugging Face pads
  for (let y = 0; y < box.height; y++) {
    const sy = y + box.top;
    if (sy < 0 || sy >= src.height) continue;
    for (let x = 0; x < box.width; x++) {
      const sx = x + box.left;
      if (sx < 0 || sx >= src.width) continue;
      out.set(src.data.subarray((sy * src.width + sx) * 4, (sy * src.width + sx) * 4 + 4), (y * box.width + x) * 4);
    }
  }
  return { width: box.width, height: box.height, data: out };
}

/** RGBA pixels → [3, H, W] after rescaling and normalisation. */
export function pixelsToInput(pixels: Pixels, p: PreprocessorConfig): Float32Array {
  const plane = pixels.width * pixels.height;
  const out = new Float32Array(3 * plane);
  const scale = p.doRescale ? p.rescaleFactor : 1;
  for (let c = 0; c < 3; c++) {
    const mean = p.doNormalize ? p.imageMean[c]! : 0;
    const std = p.doNormalize ? p.imageStd[c]! : 1;
    for (let i = 0; i < plane; i++) out[c * plane + i] = (pixels.data[i * 4 + c]! * scale - mean) / std;
  }
  return out;
}

export class PreprocessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreprocessError';
  }
}

/** Runs every step; the result must have the model's input size. */
export function preprocess(src: Pixels, p: PreprocessorConfig, modelSize: number): PreprocessSteps {
  let current = src;
  let resized: PreprocessSteps['resized'] = null;
  if (p.doResize) {
    const size = resizedSize(src.width, src.height, p);
    if (size.width !== src.width || size.height !== src.height) {
      current = { ...size, data: pilResize(src.data, src.width, src.height, size.width, size.height, p.resample) };
    }
    resized = size;
  }
  let crop: CropBox | null = null;
  if (p.doCenterCrop) {
    crop = centerCropBox(current.width, current.height, p.cropSize);
    current = cropPixels(current, crop);
  }
  if (current.width !== modelSize || current.height !== modelSize) {
    throw new PreprocessError(
      `preprocessing gives ${current.width} × ${current.height} pixels but the model takes ${modelSize} × ${modelSize}; check "size" and "crop_size" in preprocessor_config.json`,
    );
  }
  const input = pixelsToInput(current, p);
  const plane = modelSize * modelSize;
  const ranges: [number, number][] = [0, 1, 2].map((c) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = c * plane; i < (c + 1) * plane; i++) {
      lo = Math.min(lo, input[i]!);
      hi = Math.max(hi, input[i]!);
    }
    return [lo, hi];
  });
  return { original: { width: src.width, height: src.height }, resized, crop, final: current, input, ranges };
}
