/**
 * The mask being edited and its undo stack. A stroke (press, drag, release) is one edit; so is a
 * toggle from the keyboard and a clear. Pure: the panel keeps it in a reducer.
 */
export interface MaskEdits {
  /** masked[p] for patch p, row-major */
  masked: readonly boolean[];
  /** earlier masks, most recent last */
  undo: readonly (readonly boolean[])[];
}

export type MaskEdit =
  | { type: 'stroke'; patch: number; value: boolean }
  | { type: 'paint'; patch: number; value: boolean }
  | { type: 'toggle'; patch: number }
  | { type: 'clear' }
  | { type: 'undo' }
  | { type: 'reset'; masked: readonly boolean[] };

export const MAX_UNDO = 100;

export const noEdits = (masked: readonly boolean[]): MaskEdits => ({ masked, undo: [] });

const remember = (s: MaskEdits): MaskEdits['undo'] => [...s.undo.slice(1 - MAX_UNDO), s.masked];
const withPatch = (masked: readonly boolean[], patch: number, value: boolean) =>
  masked.map((m, p) => (p === patch ? value : m));

export function editMask(s: MaskEdits, edit: MaskEdit): MaskEdits {
  switch (edit.type) {
    case 'stroke':
      return { masked: withPatch(s.masked, edit.patch, edit.value), undo: remember(s) };
    case 'paint':
      return s.masked[edit.patch] === edit.value ? s : { ...s, masked: withPatch(s.masked, edit.patch, edit.value) };
    case 'toggle':
      return { masked: withPatch(s.masked, edit.patch, !s.masked[edit.patch]), undo: remember(s) };
    case 'clear':
      return s.masked.some(Boolean) ? { masked: s.masked.map(() => false), undo: remember(s) } : s;
    case 'undo':
      return s.undo.length === 0 ? s : { masked: s.undo[s.undo.length - 1]!, undo: s.undo.slice(0, -1) };
    case 'reset':
      return noEdits(edit.masked);
  }
}

/** The masked patch indices, ascending. */
export const maskedIndices = (masked: readonly boolean[]): number[] =>
  masked.flatMap((m, p) => (m ? [p] : []));
