import { describe, expect, it } from 'vitest';
import { DEFAULT_PALETTE, resolveSettings } from './displaySettings';

const none = { theme: null, palette: null };

describe('resolveSettings', () => {
  it("follows the system's scheme when nothing is chosen", () => {
    expect(resolveSettings('', none, true)).toEqual({ theme: 'dark', themeChosen: false, palette: DEFAULT_PALETTE });
    expect(resolveSettings('', none, false).theme).toBe('light');
  });

  it('takes the remembered choice over the system, and the address over both', () => {
    expect(resolveSettings('', { theme: 'light', palette: 'magma' }, true)).toEqual({
      theme: 'light',
      themeChosen: true,
      palette: 'magma',
    });
    expect(resolveSettings('?theme=dark&palette=cividis', { theme: 'light', palette: 'magma' }, false)).toEqual({
      theme: 'dark',
      themeChosen: true,
      palette: 'cividis',
    });
  });

  it('ignores values it does not know, in the address or in storage (untrusted input)', () => {
    expect(resolveSettings('?theme=<script>&palette=jet', { theme: 'blue', palette: 'rainbow' }, true)).toEqual({
      theme: 'dark',
      themeChosen: false,
      palette: DEFAULT_PALETTE,
    });
    expect(resolveSettings('?theme=DARK', none, false).theme).toBe('light');
  });
});
