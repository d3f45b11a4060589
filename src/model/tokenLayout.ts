/**
 * The one description of a trace's tokens: which prefix tokens come before the patches ([CLS],
 * DeiT's distillation token [DIST], register tokens [REG]), the patch grid, and the mapping
 * patch ⇄ token. Made once from the config; every analysis and view takes it instead of counting
 * tokens itself. Plain data (no methods), so it can cross a worker boundary as it is.
 *
 * Token order: prefix tokens first, in `prefix` order, then the patches row by row.
 * ViT: [CLS]. DeiT distilled: [CLS], [DIST]. DINOv2 / timm `*_reg4`: [CLS], [REG]×n. Seed toy: none.
 */
import type { VitConfig } from './config';

export type PrefixKind = 'cls' | 'dist' | 'reg';

export interface PrefixToken {
  kind: PrefixKind;
  /** "[CLS]", "[DIST]", "[REG1]" … */
  name: string;
}

export interface TokenLayout {
  /** tokens before the first patch, in token order */
  prefix: readonly PrefixToken[];
  /** patches per column and per row of the grid */
  gridRows: number;
  gridCols: number;
  /** N = gridRows × gridCols */
  numPatches: number;
  /** T = prefix.length + N */
  numTokens: number;
  /** token index of [CLS], or null when the model has none */
  clsToken: number | null;
  /** whether token i's position is known to the model (learned or fixed position embeddings) */
  hasPositionEmbeddings: boolean;
}

export function tokenLayoutOf(config: VitConfig): TokenLayout {
  const grid = Math.floor(config.imageSize / config.patchSize);
  const prefix: PrefixToken[] = [];
  if (config.hasClassToken) prefix.push({ kind: 'cls', name: '[CLS]' });
  if (config.hasDistillationToken) prefix.push({ kind: 'dist', name: '[DIST]' });
  const registers = config.numRegisterTokens ?? 0;
  for (let i = 1; i <= registers; i++) prefix.push({ kind: 'reg', name: registers === 1 ? '[REG]' : `[REG${i}]` });
  return makeTokenLayout(prefix, grid, grid, config.hasPositionEmbeddings);
}

export function makeTokenLayout(
  prefix: readonly PrefixToken[],
  gridRows: number,
  gridCols: number,
  hasPositionEmbeddings = true,
): TokenLayout {
  if (!Number.isInteger(gridRows) || !Number.isInteger(gridCols) || gridRows <= 0 || gridCols <= 0) {
    throw new RangeError(`a token grid must be positive whole numbers (got ${gridRows} × ${gridCols})`);
  }
  const numPatches = gridRows * gridCols;
  const cls = prefix.findIndex((p) => p.kind === 'cls');
  return {
    prefix: prefix.map((p) => ({ ...p })),
    gridRows,
    gridCols,
    numPatches,
    numTokens: prefix.length + numPatches,
    clsToken: cls < 0 ? null : cls,
    hasPositionEmbeddings,
  };
}

export const numPrefixTokens = (layout: TokenLayout): number => layout.prefix.length;

/** Token index of patch p (row-major over the grid). */
export function patchToToken(layout: TokenLayout, patch: number): number {
  if (!Number.isInteger(patch) || patch < 0 || patch >= layout.numPatches) {
    throw new RangeError(`patch ${patch} is outside the ${layout.gridRows} × ${layout.gridCols} grid`);
  }
  return layout.prefix.length + patch;
}

/** Token index of the patch at (row, col). */
export function cellToToken(layout: TokenLayout, row: number, col: number): number {
  return patchToToken(layout, row * layout.gridCols + col);
}

/** Patch index of token t, or null for a prefix token. */
export function tokenToPatch(layout: TokenLayout, token: number): number | null {
  if (!Number.isInteger(token) || token < 0 || token >= layout.numTokens) {
    throw new RangeError(`token ${token} is outside 0…${layout.numTokens - 1}`);
  }
  const p = token - layout.prefix.length;
  return p < 0 ? null : p;
}

/** The prefix token at index t, or null when t is a patch. */
export function prefixTokenAt(layout: TokenLayout, token: number): PrefixToken | null {
  return token >= 0 && token < layout.prefix.length ? layout.prefix[token]! : null;
}

/** Short name for readouts: "[CLS]", "[DIST]", "[REG2]", or "patch 5 (row 0, col 5)". */
export function tokenName(layout: TokenLayout, token: number): string {
  const pre = prefixTokenAt(layout, token);
  if (pre) return pre.name;
  const p = tokenToPatch(layout, token)!;
  return `patch ${p} (row ${Math.floor(p / layout.gridCols)}, col ${p % layout.gridCols})`;
}

/** Readout label with the index: "token 1 · [DIST]", "token 7 · patch 6 (row 1, col 0)". */
export function tokenLabel(layout: TokenLayout, token: number): string {
  return `token ${token} · ${tokenName(layout, token)}`;
}

/** Throws a clear error when a [.., T, T] or [T, ..] array does not match the layout. */
export function checkTokenCount(layout: TokenLayout, tokens: number, what: string): void {
  if (tokens !== layout.numTokens) {
    const pre = layout.prefix.map((p) => p.name).join(' + ') || 'no prefix tokens';
    throw new RangeError(
      `${what} has ${tokens} tokens; the layout (${pre}, ${layout.gridRows} × ${layout.gridCols} patches) has ${layout.numTokens}`,
    );
  }
}
