import { describe, expect, it } from 'vitest';
import { LESSON_STEPS, LESSON_TEXT, fill } from './lessonText';

/** every leaf of a nested object, by its path */
function leaves(value: unknown, path = ''): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  return [[path, value]];
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the lesson text', () => {
  it('has 12–16 steps in the article’s order, each written in both languages', () => {
    expect(LESSON_STEPS.length).toBeGreaterThanOrEqual(12);
    expect(LESSON_STEPS.length).toBeLessThanOrEqual(16);
    expect(LESSON_STEPS.indexOf('patches')).toBeLessThan(LESSON_STEPS.indexOf('embedding'));
    expect(LESSON_STEPS.indexOf('qkv')).toBeLessThan(LESSON_STEPS.indexOf('softmax'));
    expect(LESSON_STEPS.at(-1)).toBe('prediction');
    for (const lang of ['en', 'zh-CN'] as const) expect(Object.keys(LESSON_TEXT[lang].steps)).toEqual([...LESSON_STEPS]);
  });

  it('has the same keys in both languages, no empty string, and the same {values} in each string', () => {
    const en = new Map(leaves(LESSON_TEXT.en));
    const zh = new Map(leaves(LESSON_TEXT['zh-CN']));
    expect([...zh.keys()]).toEqual([...en.keys()]);
    for (const [path, value] of [...en, ...zh]) {
      expect(typeof value, path).toBe('string');
      expect((value as string).trim().length, path).toBeGreaterThan(0);
    }
    for (const [path, value] of en) expect(placeholders(zh.get(path) as string), path).toEqual(placeholders(value as string));
  });

  it('reads as a Chinese ML tutorial, with the article’s vocabulary and analogy', () => {
    const all = leaves(LESSON_TEXT['zh-CN']).map(([, v]) => v).join('\n');
    for (const word of ['注意力权重', '多头注意力', '图像块', '位置编码', '学生的注意力', '大纲', '教材的内容']) expect(all).toContain(word);
  });

  it('fills values and leaves unknown ones visible', () => {
    expect(fill('Step {n} of {total}', { n: 2, total: 15 })).toBe('Step 2 of 15');
    expect(fill('{a} and {b}', { a: 'x' })).toBe('x and {b}');
  });
});
