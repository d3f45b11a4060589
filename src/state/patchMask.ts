/**
 * The patch mask in the address: `?mask=<rows>x<cols>_<i>-<j>_<k>…` (masked patch indices in
 * row-major order, as inclusive ranges or single indices) and `&maskfill=mean|black|blur`.
 * The address is untrusted: the text is capped, every part must parse, the grid must be the
 * model's, every index inside it; otherwise the mask is ignored and the reason said.
 */
import { isMaskFill, type MaskFill } from '../analysis/masking';

export const MASK_PARAM = 'mask';
export const MASK_FILL_PARAM = 'maskfill';
/** longer than any mask of a 32 × 32 grid written as ranges needs */
export const MAX_MASK_PARAM_LENGTH = 2048;

export type MaskProblem = 'tooLong' | 'syntax' | 'grid' | 'range';

export type ParsedMask =
  | { kind: 'none' }
  | { kind: 'ok'; masked: number[] }
  | { kind: 'invalid'; problem: MaskProblem };

/** The masked patches as `8x8_3-5_12`: runs of consecutive indices become ranges. Null when none is masked. */
export function formatMask(masked: Iterable<number>, rows: number, cols: number): string | null {
  const sorted = [...new Set(masked)].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return `${rows}x${cols}_${parts.join('_')}`;
}

const INDEX = /^(\d{1,5})(?:-(\d{1,5}))?$/;

/** The masked patches the address names for a rows × cols grid, sorted and without repeats. */
export function parseMask(text: string | null, rows: number, cols: number): ParsedMask {
  if (text === null || text === '') return { kind: 'none' };
  if (text.length > MAX_MASK_PARAM_LENGTH) return { kind: 'invalid', problem: 'tooLong' };
  const [grid, ...parts] = text.split('_');
  const size = /^(\d{1,4})x(\d{1,4})$/.exec(grid!);
  if (!size || parts.length === 0) return { kind: 'invalid', problem: 'syntax' };
  if (Number(size[1]) !== rows || Number(size[2]) !== cols) return { kind: 'invalid', problem: 'grid' };
  const n = rows * cols;
  const masked = new Set<number>();
  for (const part of parts) {
    const m = INDEX.exec(part);
    if (!m) return { kind: 'invalid', problem: 'syntax' };
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) return { kind: 'invalid', problem: 'syntax' };
    if (to >= n) return { kind: 'invalid', problem: 'range' };
    for (let p = from; p <= to; p++) masked.add(p);
  }
  return { kind: 'ok', masked: [...masked].sort((a, b) => a - b) };
}

/** The fill the address names; the mean colour when it names none or something unknown. */
export const parseMaskFill = (text: string | null): MaskFill => (isMaskFill(text) ? text : 'mean');

/** The address's parameters with the mask and fill set (or removed when nothing is masked). */
export function maskToParams(
  params: URLSearchParams,
  masked: Iterable<number>,
  fill: MaskFill,
  rows: number,
  cols: number,
): URLSearchParams {
  const out = new URLSearchParams(params);
  const text = formatMask(masked, rows, cols);
  if (text === null) {
    out.delete(MASK_PARAM);
    out.delete(MASK_FILL_PARAM);
  } else {
    out.set(MASK_PARAM, text);
    out.set(MASK_FILL_PARAM, fill);
  }
  return out;
}
