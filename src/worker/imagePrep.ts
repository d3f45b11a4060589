/**
 * The image part of the engine's worker: a chosen file's bytes → decoded pixels → the model's input,
 * off the page's main thread, with the same code the page runs (imageInput.ts, preprocess.ts), so
 * the bytes are the page's. Loaded with the first image prepared here.
 */
import { preprocess } from '../model/preprocess';
import { decodeRaster } from '../platform/imageInput';
import { ImageFileError, sniffImage } from '../platform/imageSniff';
import type { PreparedPixels, PrepareImageArgs } from './protocol';

export async function prepareImageBytes({ bytes, name, preprocessor, modelSize }: PrepareImageArgs): Promise<PreparedPixels> {
  const view = new Uint8Array(bytes);
  const format = sniffImage(view, name).format;
  // an SVG is drawn by an <img>, which only a page has (imageClient.ts keeps SVGs on the page)
  if (format === 'svg') throw new ImageFileError(name, 'svgInEngine');
  const decoded = await decodeRaster(view, name, format);
  return { decoded, steps: preprocess(decoded.pixels, preprocessor, modelSize) };
}
