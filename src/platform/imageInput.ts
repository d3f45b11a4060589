/**
 * Image files → pixels, with the browser's own decoders: EXIF orientation honoured, alpha
 * composited on white, grayscale as RGB, the first frame of an animation, SVG drawn as an image
 * (an <img> never runs an SVG's scripts). Everything stays in the browser.
 */
import { preprocess, type Pixels, type PreprocessSteps } from '../model/preprocess';
import type { PreprocessorConfig } from '../model/preprocessorConfig';
import { ImageFileError, sniffImage, type ImageFormat } from './imageSniff';

/** Larger images are scaled down by the browser (off the main thread) before preprocessing. */
export const MAX_DECODED_SIDE = 4096;
export const BACKGROUND = 'white';

export interface DecodedImage {
  name: string;
  format: ImageFormat | 'canvas';
  /** the pixels after orientation and alpha compositing, before any preprocessing */
  pixels: Pixels;
  /** a note on what decoding changed, e.g. a scale-down; null when nothing */
  note: string | null;
}

export interface PreparedImage {
  name: string;
  decoded: DecodedImage;
  steps: PreprocessSteps;
  /** the pixels the model sees, for drawing */
  pixels: ImageData;
  input: Float32Array;
}

type Canvas2d = HTMLCanvasElement | OffscreenCanvas;

/** A page draws on a <canvas>; the engine's worker, which has no document, on an OffscreenCanvas. */
const newCanvas = (width: number, height: number): Canvas2d =>
  typeof document !== 'undefined' ? document.createElement('canvas') : new OffscreenCanvas(width, height);

function pixelsOf(source: CanvasImageSource, width: number, height: number, canvas: Canvas2d = newCanvas(width, height)): Pixels {
  // setting a size clears and reallocates the canvas, even to the size it has
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(source, 0, 0, width, height);
  const data = ctx.getImageData(0, 0, width, height).data;
  return { width, height, data };
}

async function decodeSvg(file: Blob, name: string): Promise<DecodedImage> {
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    try {
      await img.decode();
    } catch {
      throw new ImageFileError(name, 'svg');
    }
    // an SVG without its own size is drawn at 512 px on its longest side
    let width = img.naturalWidth || 512;
    let height = img.naturalHeight || 512;
    const scale = Math.min(1, MAX_DECODED_SIDE / Math.max(width, height));
    width = Math.max(1, Math.round(width * scale));
    height = Math.max(1, Math.round(height * scale));
    return {
      name,
      format: 'svg',
      pixels: pixelsOf(img, width, height),
      note: img.naturalWidth ? null : 'the SVG states no size; drawn at 512 × 512',
    };
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The name the page gives an image file: its own, or a pasted image's words when it has none. */
export const imageFileName = (file: Blob & { name?: string }): string => file.name || 'the pasted image';

export async function decodeImageFile(file: Blob & { name?: string }): Promise<DecodedImage> {
  const name = imageFileName(file);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const format = sniffImage(bytes, name).format;
  if (format === 'svg') return decodeSvg(new Blob([bytes], { type: 'image/svg+xml' }), name);
  return decodeRaster(bytes, name, format);
}

/** A raster image's bytes (anything but SVG) → pixels; works in a worker too. */
export async function decodeRaster(bytes: Uint8Array<ArrayBuffer>, name: string, format: Exclude<ImageFormat, 'svg'>): Promise<DecodedImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes]), { imageOrientation: 'from-image' });
  } catch {
    throw new ImageFileError(name, 'decode', { format: format.toUpperCase() });
  }
  let note: string | null = null;
  const long = Math.max(bitmap.width, bitmap.height);
  if (long > MAX_DECODED_SIDE) {
    const scale = MAX_DECODED_SIDE / long;
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const smaller = await createImageBitmap(bitmap, { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' });
    note = `scaled down by the browser from ${bitmap.width} × ${bitmap.height} to ${width} × ${height} before preprocessing`;
    bitmap.close();
    bitmap = smaller;
  }
  try {
    return { name, format, pixels: pixelsOf(bitmap, bitmap.width, bitmap.height), note };
  } finally {
    bitmap.close();
  }
}

export function decodedFromCanvas(canvas: HTMLCanvasElement, name: string): DecodedImage {
  return { name, format: 'canvas', pixels: pixelsOf(canvas, canvas.width, canvas.height), note: null };
}

export function prepareImage(decoded: DecodedImage, pre: PreprocessorConfig, modelSize: number): PreparedImage {
  return preparedFrom(decoded, preprocess(decoded.pixels, pre, modelSize));
}

/** The page's image from its decoded pixels and the preprocessing's steps (made here or in the engine's worker). */
export function preparedFrom(decoded: DecodedImage, steps: PreprocessSteps): PreparedImage {
  const final = steps.final;
  const pixels = new ImageData(new Uint8ClampedArray(final.data), final.width, final.height);
  return { name: decoded.name, decoded, steps, pixels, input: steps.input };
}

let videoCanvas: HTMLCanvasElement | null = null;

/**
 * The video's current frame at its own size, as an image file would be decoded (camera frames stay in
 * the browser). One canvas serves every frame: making one per frame cost more than the model's pass.
 */
export function decodedFromVideo(video: HTMLVideoElement, name = 'camera frame'): DecodedImage {
  const { videoWidth: width, videoHeight: height } = video;
  if (width === 0 || height === 0) throw new Error('the video has no frame yet');
  videoCanvas ??= document.createElement('canvas');
  return { name, format: 'canvas', pixels: pixelsOf(video, width, height, videoCanvas), note: null };
}
