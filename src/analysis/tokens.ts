/** Token index ↔ patch position. With a [CLS] token, token 0 is [CLS] and patch p is token p + 1. */

export function patchToken(row: number, col: number, grid: number, hasClassToken: boolean): number {
  return row * grid + col + (hasClassToken ? 1 : 0);
}

/** The patch index of a token, or null for [CLS]. */
export function tokenPatch(token: number, hasClassToken: boolean): number | null {
  if (hasClassToken) return token === 0 ? null : token - 1;
  return token;
}
