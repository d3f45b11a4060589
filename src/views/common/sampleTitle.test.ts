import { describe, expect, it } from 'vitest';
import { sampleTitle } from './sampleTitle';

describe('a sample image’s title', () => {
  const house = { title: 'a red house under the sun', titles: { 'zh-CN': '阳光下的红房子' } };

  it('is the one in the interface’s language, and English where there is none', () => {
    expect(sampleTitle(house, 'en')).toBe('a red house under the sun');
    expect(sampleTitle(house, 'zh-CN')).toBe('阳光下的红房子');
    expect(sampleTitle({ title: 'my photo' }, 'zh-CN')).toBe('my photo');
  });
});
