/**
 * Token index ↔ patch position. With a [CLS] token, token 0 is [CLS] and patch p is token p + 1;
 * DeiT's distillation token makes it p + 2. `prefix` is the number of tokens before the first
 * patch (true counts as one: [CLS] alone).
 */
export type TokenPrefix = boolean | number;

export const prefixCount = (prefix: TokenPrefix): number => Number(prefix);

export function patchToken(row: number, col: number, grid: number, prefix: TokenPrefix): number {
  return row * grid + col + prefixCount(prefix);
}

/** The patch index of a token, or null for [CLS] or the distillation token. */
export function tokenPatch(token: number, prefix: TokenPrefix): number | null {
  const n = prefixCount(prefix);
  return token < n ? null : token - n;
}
