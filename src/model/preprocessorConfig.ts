/**
 * Hugging Face's `preprocessor_config.json`, with the semantics of its ViT and DeiT image
 * processors: resize (to height × width, or the shortest edge), centre crop, rescale, normalise.
 * When the file is absent, ViTImageProcessor's defaults apply, at the model's own image size.
 */
import { resampleFromCode, type Resample } from './pilResize';

export type ResizeTarget = { kind: 'exact'; height: number; width: number } | { kind: 'shortest-edge'; shortestEdge: number };

export interface PreprocessorConfig {
  doResize: boolean;
  size: ResizeTarget;
  resample: Resample;
  doCenterCrop: boolean;
  cropSize: { height: number; width: number };
  doRescale: boolean;
  rescaleFactor: number;
  doNormalize: boolean;
  imageMean: [number, number, number];
  imageStd: [number, number, number];
  /** true when no preprocessor_config.json was given */
  isDefault: boolean;
}

/** ViTImageProcessor's defaults, at the model's image size. */
export function defaultPreprocessor(imageSize: number): PreprocessorConfig {
  return {
    doResize: true,
    size: { kind: 'exact', height: imageSize, width: imageSize },
    resample: 'bilinear',
    doCenterCrop: false,
    cropSize: { height: imageSize, width: imageSize },
    doRescale: true,
    rescaleFactor: 1 / 255,
    doNormalize: true,
    imageMean: [0.5, 0.5, 0.5],
    imageStd: [0.5, 0.5, 0.5],
    isDefault: true,
  };
}

/**
 * CLIPImageProcessor (and its older CLIPFeatureExtractor) and BitImageProcessor (DINOv2) read a bare
 * number as `size` as the shortest edge (get_size_dict(size, default_to_square=False)), and by
 * default resize the shortest edge, centre-crop, bicubic, with OpenAI CLIP's mean and std.
 */
function shortestEdgeProcessor(raw: Record<string, unknown>): boolean {
  const type = raw.image_processor_type ?? raw.feature_extractor_type;
  return typeof type === 'string' && /^(CLIP|Bit)(ImageProcessor|FeatureExtractor)/.test(type);
}

function shortEdgeDefaults(imageSize: number): PreprocessorConfig {
  return {
    ...defaultPreprocessor(imageSize),
    size: { kind: 'shortest-edge', shortestEdge: imageSize },
    resample: 'bicubic',
    doCenterCrop: true,
    imageMean: [0.48145466, 0.4578275, 0.40821073],
    imageStd: [0.26862954, 0.26130258, 0.27577711],
  };
}

/** The side of the square image the model receives from this preprocessing (the crop, or an exact square resize). */
export function inputSizeOf(p: PreprocessorConfig, fileName = 'preprocessor_config.json'): number {
  if (p.doCenterCrop) {
    if (p.cropSize.height !== p.cropSize.width) throw new PreprocessorError(fileName, 'ViT Lens needs a square crop_size');
    return p.cropSize.height;
  }
  if (p.doResize && p.size.kind === 'exact' && p.size.height === p.size.width) return p.size.height;
  throw new PreprocessorError(fileName, 'the preprocessing does not make a square image (resize to a square or centre-crop one)');
}

class PreprocessorError extends Error {
  constructor(fileName: string, reason: string) {
    super(`${fileName}: ${reason}`);
    this.name = 'PreprocessorError';
  }
}

function triple(value: unknown, key: string, fileName: string, fallback: [number, number, number]): [number, number, number] {
  if (value === undefined) return fallback;
  if (typeof value === 'number') return [value, value, value];
  if (Array.isArray(value) && value.length === 3 && value.every((v) => typeof v === 'number'))
    return value as [number, number, number];
  throw new PreprocessorError(fileName, `"${key}" must be a number or a list of 3 numbers`);
}

const positive = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0;

function resizeTarget(raw: unknown, fileName: string, fallback: ResizeTarget, defaultToSquare = true): ResizeTarget {
  if (raw === undefined || raw === null) return fallback;
  if (positive(raw) && !defaultToSquare) return { kind: 'shortest-edge', shortestEdge: raw as number };
  if (positive(raw)) return { kind: 'exact', height: raw as number, width: raw as number };
  if (typeof raw === 'object') {
    const r = raw as Record<string, unknown>;
    if (positive(r.height) && positive(r.width)) return { kind: 'exact', height: r.height as number, width: r.width as number };
    if (positive(r.shortest_edge)) return { kind: 'shortest-edge', shortestEdge: r.shortest_edge as number };
  }
  throw new PreprocessorError(
    fileName,
    `"size" must be a number, {"height", "width"} or {"shortest_edge"} (got ${JSON.stringify(raw)})`,
  );
}

function cropTarget(raw: unknown, fileName: string, fallback: { height: number; width: number }) {
  if (raw === undefined || raw === null) return fallback;
  if (positive(raw)) return { height: raw as number, width: raw as number };
  const r = raw as Record<string, unknown>;
  if (typeof raw === 'object' && positive(r.height) && positive(r.width))
    return { height: r.height as number, width: r.width as number };
  throw new PreprocessorError(fileName, `"crop_size" must be a number or {"height", "width"} (got ${JSON.stringify(raw)})`);
}

export function parsePreprocessorConfig(
  text: string,
  imageSize: number,
  fileName = 'preprocessor_config.json',
): PreprocessorConfig {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new PreprocessorError(fileName, `not valid JSON (${(error as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new PreprocessorError(fileName, 'must be a JSON object');
  const shortEdge = shortestEdgeProcessor(raw);
  const d = shortEdge ? shortEdgeDefaults(imageSize) : defaultPreprocessor(imageSize);
  const factor = raw.rescale_factor ?? d.rescaleFactor;
  if (typeof factor !== 'number') throw new PreprocessorError(fileName, '"rescale_factor" must be a number');
  const std = triple(raw.image_std, 'image_std', fileName, d.imageStd);
  if (std.some((s) => s === 0)) throw new PreprocessorError(fileName, '"image_std" must not contain 0');
  const flag = (key: string, fallback: boolean) => (raw[key] === undefined ? fallback : raw[key] === true);
  return {
    doResize: flag('do_resize', d.doResize),
    size: resizeTarget(raw.size, fileName, d.size, !shortEdge),
    resample: raw.resample === undefined ? d.resample : resampleFromCode(raw.resample),
    doCenterCrop: flag('do_center_crop', d.doCenterCrop),
    cropSize: cropTarget(raw.crop_size, fileName, d.cropSize),
    doRescale: flag('do_rescale', d.doRescale),
    rescaleFactor: factor,
    doNormalize: flag('do_normalize', d.doNormalize),
    imageMean: triple(raw.image_mean, 'image_mean', fileName, d.imageMean),
    imageStd: std,
    isDefault: false,
  };
}

/** The preprocessing in one line of plain words, for the page. */
export function describePreprocessor(p: PreprocessorConfig): string {
  const steps: string[] = [];
  if (p.doResize) {
    steps.push(
      p.size.kind === 'exact'
        ? `resize to ${p.size.width} × ${p.size.height} (${p.resample})`
        : `resize the shortest edge to ${p.size.shortestEdge} (${p.resample})`,
    );
  }
  if (p.doCenterCrop) steps.push(`centre-crop ${p.cropSize.width} × ${p.cropSize.height}`);
  if (p.doRescale) steps.push(`rescale by ${p.rescaleFactor === 1 / 255 ? '1/255' : p.rescaleFactor}`);
  if (p.doNormalize) steps.push(`normalise with mean [${p.imageMean.join(', ')}], std [${p.imageStd.join(', ')}]`);
  const text = steps.join(', then ') || 'none';
  return p.isDefault ? `no preprocessor_config.json, so ViTImageProcessor's defaults: ${text}` : text;
}
