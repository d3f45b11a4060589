/** Token names in the interface's language: "token 7 · patch 6 (row 1, col 0)" / "词元 7 · 图像块 6（第 1 行，第 0 列）".
 *  Prefix tokens keep their names ([CLS], [DIST], [REG1]…). */
import { prefixTokenAt, tokenToPatch, type TokenLayout } from '../model/tokenLayout';
import { t } from '.';

export function tokenName(layout: TokenLayout, token: number): string {
  const pre = prefixTokenAt(layout, token);
  if (pre) return pre.name;
  const p = tokenToPatch(layout, token)!;
  return t('token.patch', { p, row: Math.floor(p / layout.gridCols), col: p % layout.gridCols });
}

export function tokenLabel(layout: TokenLayout, token: number): string {
  return t('token.label', { token, name: tokenName(layout, token) });
}
