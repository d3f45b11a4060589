/**
 * Looks at a file's first bytes (and, for PNG and JPEG, its end) before the browser decodes it,
 * so that a wrong or broken file gets a plain reason, and a huge image is caught before its
 * pixels are allocated. Pure: no DOM.
 */
import { inputErrors } from '../i18n/locales/en/inputErrors';

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp' | 'avif' | 'svg' | 'ico';

export interface SniffedImage {
  format: ImageFormat;
  /** from the header where the format states it; null otherwise (SVG, AVIF, ICO) */
  width: number | null;
  height: number | null;
}

type ProblemParams = Record<string, string | number>;

/**
 * What can be wrong with a file that should be an image, in English: the catalogue's own words (plain
 * data, so the engine's worker, which has no catalogue, reads them too). The page says them in its
 * language through the catalogue (app/errorWords.ts).
 */
const IMAGE_ERRORS = inputErrors.imageErrors;

export type ImageProblem = Exclude<keyof typeof IMAGE_ERRORS, 'file'>;

/** The catalogue's {{placeholders}} filled in, as i18next does. */
const fill = (text: string, params: ProblemParams) => text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(params[key]));

export class ImageFileError extends Error {
  constructor(
    readonly fileName: string,
    readonly problem: ImageProblem,
    readonly params: ProblemParams = {},
  ) {
    super(fill(IMAGE_ERRORS.file, { name: fileName, reason: fill(IMAGE_ERRORS[problem], params) }));
    this.name = 'ImageFileError';
  }
}

/** The most pixels ViT Lens will decode; the model sees a few hundred on a side anyway. */
export const MAX_MEGAPIXELS = 100;

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
const startsWith = (b: Uint8Array, bytes: number[]) => bytes.every((v, i) => b[i] === v);

function jpegSize(b: Uint8Array): [number, number] | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) {
      i++;
      continue;
    }
    const marker = b[i + 1]!;
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0xff) {
      i += marker === 0xff ? 1 : 2;
      continue;
    }
    const length = (b[i + 2]! << 8) | b[i + 3]!;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return [(b[i + 7]! << 8) | b[i + 8]!, (b[i + 5]! << 8) | b[i + 6]!];
    i += 2 + length;
  }
  return null;
}

function webpSize(b: Uint8Array): [number, number] | null {
  const chunk = ascii(b, 12, 16);
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (chunk === 'VP8X' && b.length >= 30)
    return [1 + (b[24]! | (b[25]! << 8) | (b[26]! << 16)), 1 + (b[27]! | (b[28]! << 8) | (b[29]! << 16))];
  if (chunk === 'VP8L' && b.length >= 25) {
    const bits = v.getUint32(21, true);
    return [1 + (bits & 0x3fff), 1 + ((bits >> 14) & 0x3fff)];
  }
  if (chunk === 'VP8 ' && b.length >= 30) return [v.getUint16(26, true) & 0x3fff, v.getUint16(28, true) & 0x3fff];
  return null;
}

function describeNonImage(b: Uint8Array): ImageProblem | null {
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (ascii(b, 0, 5) === '%PDF-') return 'pdf';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(b, [0x1f, 0x8b])) return 'gzip';
  if (ascii(b, 4, 8) === 'ftyp' && !/avif|avis|heic|heix|mif1/.test(ascii(b, 8, 12))) return 'media';
  if (ascii(b, 4, 8) === 'ftyp' && /heic|heix/.test(ascii(b, 8, 12))) return 'heic';
  return null;
}

function looksLikeText(b: Uint8Array): boolean {
  const sample = b.subarray(0, 512);
  let printable = 0;
  for (const c of sample) if (c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127) || c >= 128) printable++;
  return printable / Math.max(1, sample.length) > 0.95;
}

/** Identifies the image, or throws ImageFileError saying in plain words what is wrong. */
export function sniffImage(bytes: Uint8Array, fileName: string): SniffedImage {
  if (bytes.length === 0) throw new ImageFileError(fileName, 'empty');
  const b = bytes;
  let sniffed: SniffedImage | null = null;
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    if (b.length < 33) throw new ImageFileError(fileName, 'pngHeader');
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    // a complete PNG ends with the IEND chunk
    if (ascii(b, b.length - 8, b.length - 4) !== 'IEND')
      throw new ImageFileError(fileName, 'pngEnd');
    sniffed = { format: 'png', width: v.getUint32(16), height: v.getUint32(20) };
  } else if (startsWith(b, [0xff, 0xd8, 0xff])) {
    const size = jpegSize(b);
    if (!size) throw new ImageFileError(fileName, 'jpegHeader');
    // a complete JPEG ends with the EOI marker (some writers add padding after it)
    const tail = b.subarray(Math.max(0, b.length - 64));
    let hasEnd = false;
    for (let i = 0; i + 1 < tail.length; i++) if (tail[i] === 0xff && tail[i + 1] === 0xd9) hasEnd = true;
    if (!hasEnd) throw new ImageFileError(fileName, 'jpegEnd');
    sniffed = { format: 'jpeg', width: size[0], height: size[1] };
  } else if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') {
    if (b.length < 13) throw new ImageFileError(fileName, 'gif');
    sniffed = { format: 'gif', width: b[6]! | (b[7]! << 8), height: b[8]! | (b[9]! << 8) };
  } else if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') {
    const size = webpSize(b);
    if (!size) throw new ImageFileError(fileName, 'webp');
    sniffed = { format: 'webp', width: size[0], height: size[1] };
  } else if (ascii(b, 0, 2) === 'BM' && b.length >= 26) {
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    sniffed = { format: 'bmp', width: Math.abs(v.getInt32(18, true)), height: Math.abs(v.getInt32(22, true)) };
  } else if (ascii(b, 4, 8) === 'ftyp' && /avif|avis|mif1/.test(ascii(b, 8, 12))) {
    sniffed = { format: 'avif', width: null, height: null };
  } else if (startsWith(b, [0, 0, 1, 0])) {
    sniffed = { format: 'ico', width: null, height: null };
  } else {
    const head = new TextDecoder().decode(b.subarray(0, 1024)).trimStart().toLowerCase();
    if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg')) || head.startsWith('<!doctype svg')) {
      sniffed = { format: 'svg', width: null, height: null };
    }
  }
  if (!sniffed) {
    throw new ImageFileError(fileName, describeNonImage(b) ?? (looksLikeText(b) ? 'text' : 'unknown'));
  }
  if (sniffed.width === 0 || sniffed.height === 0)
    throw new ImageFileError(fileName, 'zeroSize', { width: String(sniffed.width), height: String(sniffed.height) });
  if (sniffed.width && sniffed.height && sniffed.width * sniffed.height > MAX_MEGAPIXELS * 1e6) {
    const mp = ((sniffed.width * sniffed.height) / 1e6).toFixed(0);
    throw new ImageFileError(fileName, 'tooLarge', { width: sniffed.width, height: sniffed.height, mp, max: MAX_MEGAPIXELS });
  }
  return sniffed;
}
