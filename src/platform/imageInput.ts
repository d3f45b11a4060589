/**
 * Turns an image file into the model's input with the browser's own decoder. This is the
 * foundation's plain path: decode (EXIF orientation honoured), stretch to the model's square size,
 * then rescale and normalise as preprocessor_config.json says.
 */
import { pixelsToInput, type PreprocessorConfig } from '../model/preprocessorConfig';

export interface PreparedImage {
  /** the file name, or a description of the built-in sample */
  name: string;
  originalWidth: number;
  originalHeight: number;
  /** the resized RGBA pixels the model sees, size × size */
  pixels: ImageData;
  /** [3, size, size] after rescaling and normalisation */
  input: Float32Array;
}

export class ImageDecodeError extends Error {
  constructor(fileName: string, reason: string) {
    super(`${fileName}: ${reason}`);
    this.name = 'ImageDecodeError';
  }
}

function resizeToSquare(source: CanvasImageSource, size: number): ImageData {
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.fillStyle = '#fff'; // transparent pixels are composited on white
  ctx.fillRect(0, 0, size, size);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, size, size);
  return ctx.getImageData(0, 0, size, size);
}

export function prepareFromSource(
  source: CanvasImageSource & { width: number; height: number },
  name: string,
  size: number,
  pre: PreprocessorConfig,
): PreparedImage {
  const pixels = resizeToSquare(source, size);
  return {
    name,
    originalWidth: source.width,
    originalHeight: source.height,
    pixels,
    input: pixelsToInput(pixels.data, size, pre),
  };
}

export async function decodeImageFile(file: Blob & { name?: string }): Promise<ImageBitmap> {
  const name = file.name ?? 'image';
  if (file.size === 0) throw new ImageDecodeError(name, 'the file is empty (0 bytes)');
  try {
    return await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new ImageDecodeError(name, `the browser could not decode it as an image (type "${file.type || 'unknown'}")`);
  }
}

/** A copy of the pixels that can be re-used at another model size (e.g. after the model changes). */
export function imageDataToCanvas(image: ImageData): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  canvas.getContext('2d')!.putImageData(image, 0, 0);
  return canvas;
}
