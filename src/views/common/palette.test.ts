import { describe, expect, it } from 'vitest';
import { rgb } from 'd3-color';
import { PALETTES } from '../../platform/displaySettings';
import { paletteOf } from './palette';

/** WCAG relative luminance of a CSS colour. */
function luminance(color: string): number {
  const c = rgb(color);
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

describe('palettes', () => {
  it.each(PALETTES)('%s: the sequential map gets lighter from 0 to 1 (perceptually ordered) in both themes', (id) => {
    for (const theme of ['light', 'dark'] as const) {
      const { sequential } = paletteOf(id, theme);
      const steps = Array.from({ length: 11 }, (_, i) => luminance(sequential(i / 10)));
      for (let i = 1; i < steps.length; i++) expect(steps[i]!).toBeGreaterThan(steps[i - 1]!);
    }
  });

  it.each(PALETTES)('%s: on the dark page no first colour is near-black (no black-on-black cells)', (id) => {
    expect(luminance(paletteOf(id, 'dark').sequential(0))).toBeGreaterThan(0.015);
  });

  it.each(PALETTES)('%s: the diverging map is light at 0 and dark at both ends, blue-ish for negative', (id) => {
    const { diverging } = paletteOf(id, 'light');
    const mid = luminance(diverging(0.5));
    expect(mid).toBeGreaterThan(0.75);
    expect(luminance(diverging(0))).toBeLessThan(mid / 3);
    expect(luminance(diverging(1))).toBeLessThan(mid / 3);
    const neg = rgb(diverging(0.1));
    const pos = rgb(diverging(0.9));
    expect(neg.b).toBeGreaterThan(neg.r * (id === 'cividis' ? 1.1 : 1.5)); // blue (RdBu) or purple (PuOr)
    expect(pos.r).toBeGreaterThan(pos.b * 1.5); // red or orange
  });

  it('the same functions while the choice is the same, so canvases repaint only on a change', () => {
    expect(paletteOf('magma', 'dark')).toBe(paletteOf('magma', 'dark'));
    expect(paletteOf('magma', 'dark').sequential).not.toBe(paletteOf('magma', 'light').sequential);
    expect(paletteOf('viridis', 'dark').sequential).toBe(paletteOf('viridis', 'light').sequential);
  });
});
