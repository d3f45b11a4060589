import { afterEach, describe, expect, it } from 'vitest';
import { switchLanguage } from '../../i18n';
import { signedPoints } from './percentPoints';

describe('a change in percentage points', () => {
  afterEach(() => switchLanguage('en'));

  it('is signed, with a true minus, and unsigned when it rounds to zero', () => {
    expect([0.0123, -0.004, 0.0004, -0.0004, 0].map(signedPoints)).toEqual(['+1.2 pts', '−0.4 pts', '0.0 pts', '0.0 pts', '0.0 pts']);
  });

  it('speaks Chinese', async () => {
    await switchLanguage('zh-CN');
    expect(signedPoints(-0.25)).toBe('−25.0 个百分点');
  });
});
