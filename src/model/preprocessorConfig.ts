/**
 * The subset of Hugging Face's `preprocessor_config.json` the engine needs to turn pixels into the
 * model's input. When the file is absent, ViTImageProcessor's defaults apply (stated on the page).
 */
export interface PreprocessorConfig {
  /** whether pixel values are multiplied by rescaleFactor */
  doRescale: boolean;
  rescaleFactor: number;
  doNormalize: boolean;
  imageMean: [number, number, number];
  imageStd: [number, number, number];
  /** true when no preprocessor_config.json was given */
  isDefault: boolean;
}

export const DEFAULT_PREPROCESSOR: PreprocessorConfig = {
  doRescale: true,
  rescaleFactor: 1 / 255,
  doNormalize: true,
  imageMean: [0.5, 0.5, 0.5],
  imageStd: [0.5, 0.5, 0.5],
  isDefault: true,
};

function triple(value: unknown, key: string, fileName: string, fallback: [number, number, number]): [number, number, number] {
  if (value === undefined) return fallback;
  if (typeof value === 'number') return [value, value, value];
  if (Array.isArray(value) && value.length === 3 && value.every((v) => typeof v === 'number')) {
    return value as [number, number, number];
  }
  throw new Error(`${fileName}: "${key}" must be a number or a list of 3 numbers`);
}

export function parsePreprocessorConfig(text: string, fileName = 'preprocessor_config.json'): PreprocessorConfig {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${fileName}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null) throw new Error(`${fileName}: must be a JSON object`);
  const d = DEFAULT_PREPROCESSOR;
  const factor = raw.rescale_factor ?? d.rescaleFactor;
  if (typeof factor !== 'number') throw new Error(`${fileName}: "rescale_factor" must be a number`);
  const std = triple(raw.image_std, 'image_std', fileName, d.imageStd);
  if (std.some((s) => s === 0)) throw new Error(`${fileName}: "image_std" must not contain 0`);
  return {
    doRescale: raw.do_rescale === undefined ? d.doRescale : raw.do_rescale === true,
    rescaleFactor: factor,
    doNormalize: raw.do_normalize === undefined ? d.doNormalize : raw.do_normalize === true,
    imageMean: triple(raw.image_mean, 'image_mean', fileName, d.imageMean),
    imageStd: std,
    isDefault: false,
  };
}

/** RGBA pixels (as from a canvas) of a size × size image → the model's [3, size, size] input. */
export function pixelsToInput(rgba: Uint8ClampedArray | Uint8Array, size: number, pre: PreprocessorConfig): Float32Array {
  const plane = size * size;
  if (rgba.length !== plane * 4) throw new Error(`expected ${plane * 4} RGBA values, got ${rgba.length}`);
  const out = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    const scale = pre.doRescale ? pre.rescaleFactor : 1;
    const mean = pre.doNormalize ? pre.imageMean[c]! : 0;
    const std = pre.doNormalize ? pre.imageStd[c]! : 1;
    for (let i = 0; i < plane; i++) out[c * plane + i] = (rgba[i * 4 + c]! * scale - mean) / std;
  }
  return out;
}
