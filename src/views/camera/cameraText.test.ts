import { describe, expect, it } from 'vitest';
import { CAMERA_TEXT } from './cameraText';

/** Each entry as text: functions called with sample arguments. */
function entries(table: object): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(table)) {
    if (typeof v === 'string') out.set(k, v);
    else if (typeof v === 'function') out.set(k, String((v as (...a: unknown[]) => unknown)(2, 3)));
    else for (const [kk, vv] of entries(v as object)) out.set(`${k}.${kk}`, vv);
  }
  return out;
}

describe("the live camera's words", () => {
  const en = entries(CAMERA_TEXT.en);
  const zh = entries(CAMERA_TEXT['zh-CN']);

  it('have the same entries in both languages, none empty', () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [k, v] of [...en, ...zh]) expect(v.trim(), k).not.toBe('');
  });

  it('the Chinese is Chinese, and fills in the same numbers', () => {
    for (const [k, v] of zh) {
      expect(v, k).toMatch(/[\u4e00-\u9fff]/);
      expect(v.match(/\d+/g) ?? [], k).toEqual(en.get(k)!.match(/\d+/g) ?? []);
    }
  });
});
