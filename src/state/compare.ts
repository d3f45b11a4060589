/**
 * What run B is, and how the address names it: `?compare=image:<gallery file name>` or
 * `?compare=model:<model id>`. The address is untrusted: only the shape is checked here; the name
 * is then looked up in the gallery index or the model list, and anything else is ignored with a notice.
 * A user's own image never goes into the address.
 */
import type { Lang } from '../i18n/language';
import type { VitTrace } from '../model/trace';

export type CompareSpec =
  | { kind: 'image'; name: string }
  | { kind: 'model'; id: string }
  /** the user's own image file: it stays on the device, so the address cannot hold it */
  | { kind: 'file'; file: File };

/** A gallery image as the gallery index lists it. */
export interface GalleryEntry {
  file: string;
  title: string;
  /** the title in other languages (index.json's titles) */
  titles?: Partial<Record<Lang, string>>;
}

/** The name the address and the picker use for a gallery image: its file's name. */
export const galleryName = (entry: GalleryEntry) => entry.file.split('/').pop()!;

export interface RunB {
  trace: VitTrace;
  /** the pixels B's model saw */
  pixels: ImageData;
  imageName: string;
  /** B's model in words (A's, for another image) */
  modelLabel: string | null;
}

export type CompareRunState =
  { kind: 'off' } | { kind: 'running' } | { kind: 'ready'; run: RunB } | { kind: 'error'; message: string };

export const COMPARE_PARAM = 'compare';
const NAME = /^[\w.-]{1,80}$/;

export type ParsedCompare =
  | { kind: 'none' }
  | { kind: 'spec'; spec: Extract<CompareSpec, { kind: 'image' | 'model' }> }
  | { kind: 'invalid'; text: string };

/** The compare request in an address: none, a well-formed one, or one to ignore (shown back, shortened). */
export function compareFromParams(params: URLSearchParams): ParsedCompare {
  const raw = params.get(COMPARE_PARAM);
  if (raw === null) return { kind: 'none' };
  const match = /^(image|model):(.*)$/.exec(raw);
  const name = match?.[2] ?? '';
  if (!match || !NAME.test(name) || name.startsWith('.')) return { kind: 'invalid', text: raw.slice(0, 60) };
  return { kind: 'spec', spec: match[1] === 'image' ? { kind: 'image', name } : { kind: 'model', id: name } };
}

/** The address with B in it (or without, when compare is off or B is the user's own file). */
export function compareToParams(spec: CompareSpec | null, params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams(params);
  if (spec?.kind === 'image') out.set(COMPARE_PARAM, `image:${spec.name}`);
  else if (spec?.kind === 'model') out.set(COMPARE_PARAM, `model:${spec.id}`);
  else out.delete(COMPARE_PARAM);
  return out;
}

/** Equal specs name the same run B (a file by identity: choosing the same file again re-runs it). */
export function sameCompare(a: CompareSpec | null, b: CompareSpec | null): boolean {
  if (!a || !b) return a === b;
  if (a.kind === 'image' && b.kind === 'image') return a.name === b.name;
  if (a.kind === 'model' && b.kind === 'model') return a.id === b.id;
  return a.kind === 'file' && b.kind === 'file' && a.file === b.file;
}
