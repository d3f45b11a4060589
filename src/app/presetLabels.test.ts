import { afterEach, describe, expect, it } from 'vitest';
import { switchLanguage } from '../i18n';
import { PRESETS } from './presets';
import { PRESET_LABELS } from './presetLabels';

describe("the presets' names", () => {
  afterEach(() => switchLanguage('en'));

  it('name every preset, in English and in Chinese', async () => {
    expect(Object.keys(PRESET_LABELS).sort()).toEqual(Object.keys(PRESETS).sort());
    const english = Object.values(PRESET_LABELS).map((label) => label());
    for (const name of english) expect(name).toMatch(/^Random weights, /);
    await switchLanguage('zh-CN');
    const chinese = Object.values(PRESET_LABELS).map((label) => label());
    for (const name of chinese) expect(name).toMatch(/^随机权重，/);
    expect(new Set(chinese).size).toBe(chinese.length);
  });
});
