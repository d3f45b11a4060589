/**
 * Reading an image for the session: a chosen file decoded (and, with a model, prepared for it in
 * the engine's worker), a decoded image prepared on the page, a sample fetched. A file that is no
 * image, or one the browser cannot decode, rejects with an ImageFileError in the page's words.
 */
import { decodeImageFile, prepareImage, type DecodedImage, type PreparedImage } from '../platform/imageInput';
import type { EngineClient } from '../worker/engineClient';
import { prepareImageFile } from '../worker/imageClient';
import type { SessionModel } from './sessionTypes';

/** what preparing an image for a model reads of it */
type ImageTarget = Pick<SessionModel, 'preprocessor' | 'model'>;

export interface ReadImage {
  source: DecodedImage;
  /** prepared for the model in the engine's worker; null without a model */
  prepared: PreparedImage | null;
}

/** Reads `file`: with a model `m`, the engine's worker decodes and prepares it for `m`; without, the page decodes it. */
export async function readImageFile(file: File, m: ImageTarget | null, engine: () => Promise<EngineClient>): Promise<ReadImage> {
  const decodeStart = performance.now();
  const prepared = m ? await prepareImageFile(await engine(), file, m.preprocessor, m.model.config.imageSize) : null;
  const source = prepared?.decoded ?? (await decodeImageFile(file));
  performance.measure('vitlens:prepare', { start: decodeStart });
  return { source, prepared };
}

/** `source` prepared for `m` on the page, unless it is `ready` already; measured as vitlens:prepare either way. */
export function preparedFor(m: ImageTarget, source: DecodedImage, ready?: PreparedImage): PreparedImage {
  const prepareStart = performance.now();
  const prepared = ready ?? prepareImage(source, m.preprocessor, m.model.config.imageSize);
  performance.measure('vitlens:prepare', { start: prepareStart });
  return prepared;
}

/** A sample image the project ships, fetched by URL as a file named `name`. */
export async function fetchSampleFile(url: string, name: string): Promise<File> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${name}: the sample could not be fetched (HTTP ${response.status})`);
  const blob = await response.blob();
  return new File([blob], name, { type: blob.type });
}

/** For the tests: `file` prepared for `m` both on the page and in the engine's worker. */
export async function prepareTwice(
  client: EngineClient,
  file: File,
  m: ImageTarget,
): Promise<{ page: PreparedImage; worker: PreparedImage }> {
  const { preprocessor, model } = m;
  const size = model.config.imageSize;
  const page = prepareImage(await decodeImageFile(file), preprocessor, size);
  return { page, worker: await prepareImageFile(client, file, preprocessor, size) };
}
