/**
 * The page's side of preparing a chosen image: its bytes go to the engine's worker, which decodes
 * and preprocesses them (imagePrep.ts) and moves the pixels and the model's input back, so the
 * page's main thread stays free. An SVG (drawn by an <img>, which a worker has not) is prepared on
 * the page, as before.
 */
import type { PreprocessorConfig } from '../model/preprocessorConfig';
import { decodeImageFile, imageFileName, prepareImage, preparedFrom, type PreparedImage } from '../platform/imageInput';
import { sniffImage } from '../platform/imageSniff';
import type { EngineClient } from './engineClient';

export async function prepareImageFile(
  client: EngineClient,
  file: Blob & { name?: string },
  preprocessor: PreprocessorConfig,
  modelSize: number,
): Promise<PreparedImage> {
  const name = imageFileName(file);
  const bytes = await file.arrayBuffer();
  // read here too: a file that is no image fails at once, with the page's own words
  if (sniffImage(new Uint8Array(bytes), name).format === 'svg') {
    return prepareImage(await decodeImageFile(file), preprocessor, modelSize);
  }
  const { decoded, steps } = await client.call('prepareImage', { bytes, name, preprocessor, modelSize }, { transfer: [bytes] });
  return preparedFrom(decoded, steps);
}
