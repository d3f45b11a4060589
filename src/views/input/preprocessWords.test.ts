import { afterEach, describe, expect, it } from 'vitest';
import { switchLanguage } from '../../i18n';
import { defaultPreprocessor } from '../../model/preprocessorConfig';
import { preprocessWords } from './preprocessWords';

describe('the preprocessing in words', () => {
  afterEach(() => switchLanguage('en'));
  const bicubic = { ...defaultPreprocessor(224), resample: 'bicubic' as const, isDefault: false };

  it('names the resampling filter in the interface’s language', async () => {
    expect(preprocessWords(bicubic)).toMatch(/^resize to 224 × 224 \(bicubic\), then rescale by 1\/255/);
    await switchLanguage('zh-CN');
    expect(preprocessWords(bicubic)).toMatch(/^缩放到 224 × 224（双三次）/);
    expect(preprocessWords(bicubic)).not.toMatch(/[a-z]{3,}/);
  });
});
