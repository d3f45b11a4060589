/**
 * Dark theme and colour maps (#16): the system's dark scheme gives a dark page with readable legends,
 * before the app's script has run; the theme toggle overrides it and is remembered; ?theme= names it;
 * the palette choice recolours every heatmap and legend, lands in the address and survives a reload.
 */
import { expect, test, type Page } from '@playwright/test';
import { waitReady } from './support/page';

/** WCAG contrast of two computed CSS colours (rgb/rgba strings). */
function contrastScript() {
  return `(() => {
    const parse = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
    const lum = (c) => { const [r, g, b] = parse(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    /** the colour painted behind an element: the first ancestor with an opaque background */
    const ground = (el) => { for (let e = el; e; e = e.parentElement) { const bg = getComputedStyle(e).backgroundColor; if (!/rgba\\(.*, 0\\)$/.test(bg) && bg !== 'transparent') return bg; } return getComputedStyle(document.documentElement).backgroundColor; };
    return { lum, ground, contrast: (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); } };
  })()`;
}

async function pageLuminance(page: Page) {
  return page.evaluate(`(() => { const k = ${contrastScript()}; return k.lum(k.ground(document.body)); })()`) as Promise<number>;
}

/** The lowest contrast of any legend's tick labels and title against what is behind them. */
async function legendContrast(page: Page): Promise<{ min: number; count: number }> {
  return page.evaluate(`(() => {
    const k = ${contrastScript()};
    const texts = [...document.querySelectorAll('.legend svg text, .legend figcaption')].filter((t) => t.getBoundingClientRect().width > 0);
    const values = texts.map((t) => { const s = getComputedStyle(t); const fill = t.tagName === 'text' ? s.fill : s.color; return k.contrast(fill, k.ground(t)); });
    return { min: Math.min(...values), count: values.length };
  })()`) as Promise<{ min: number; count: number }>;
}

/** A few pixels of the attention map, to see it recoloured. */
async function mapPixels(page: Page): Promise<string> {
  return page.getByTestId('attention-heatmap').evaluate((c) => {
    const canvas = c as HTMLCanvasElement;
    const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    return Array.from({ length: 8 }, (_, i) => d.slice(i * 4 * 97, i * 4 * 97 + 3).join(',')).join(' ');
  });
}

test.describe('with the system in dark mode', () => {
  test.use({ colorScheme: 'dark', viewport: { width: 1440, height: 900 } });

  test('the page is dark, before the app runs, and its legends are readable', async ({ page }) => {
    // the theme comes from public/theme-early.js, before the app's script: with that script blocked the page is dark already
    await page.route(/\/assets\/index-[^/]*\.js$/, (route) => route.abort());
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await pageLuminance(page)).toBeLessThan(0.03);
    await page.unroute(/\/assets\/index-[^/]*\.js$/);

    await page.goto('/');
    await waitReady(page);
    expect(await pageLuminance(page)).toBeLessThan(0.03);
    await expect(page.getByTestId('theme-toggle')).toHaveAttribute('data-theme', 'dark');
    const legends = await legendContrast(page);
    expect(legends.count).toBeGreaterThan(2);
    expect(legends.min, 'legend text contrast on the dark page').toBeGreaterThanOrEqual(4.5);
    // the panels' text too
    const text = (await page.evaluate(
      `(() => { const k = ${contrastScript()}; const p = document.querySelector('.panel .explain'); return k.contrast(getComputedStyle(p).color, k.ground(p)); })()`,
    )) as number;
    expect(text).toBeGreaterThanOrEqual(4.5);
    // every map is framed in a light line, so dark cells never meet the dark page unbounded
    const frame = await page
      .getByTestId('attention-heatmap')
      .evaluate((c) => getComputedStyle(c.closest('.heatmap-viewport') ?? c).borderTopColor);
    const frameLum = (await page.evaluate(`${contrastScript()}.lum(${JSON.stringify(frame)})`)) as number;
    expect(frameLum).toBeGreaterThan(0.1);
    await page.screenshot({ path: 'test-results/theme/dark-1440.png' });
    await page.getByTestId('stage-qkv').click();
    await page.getByTestId('stage-panel').screenshot({ path: 'test-results/theme/dark-qkv.png' });

    // the toggle overrides the system, and is remembered
    await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    expect(await pageLuminance(page)).toBeGreaterThan(0.8);
    expect((await legendContrast(page)).min).toBeGreaterThanOrEqual(4.5);
    await page.reload();
    await waitReady(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(page.getByTestId('theme-toggle')).toHaveAttribute('aria-pressed', 'false');
  });
});

test('?theme= names the theme, the toggle writes it back to the address; a bad value is ignored', async ({ page }) => {
  await page.goto('/?theme=dark');
  await waitReady(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await pageLuminance(page)).toBeLessThan(0.03);
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(new URL(page.url()).searchParams.get('theme')).toBe('light');
  await page.goto('/?theme=%3Cscript%3E');
  await waitReady(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light'); // the remembered choice (the scheme here is light)
});

test('the palette recolours every heatmap and legend, is in the address and survives a reload', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await expect(page.getByTestId('palette-select')).toHaveValue('viridis');
  const before = await mapPixels(page);
  const legendBefore = await page
    .locator('.legend canvas')
    .first()
    .evaluate((c) => (c as HTMLCanvasElement).toDataURL());
  await page.getByTestId('palette-select').selectOption('cividis');
  await expect.poll(() => mapPixels(page)).not.toBe(before);
  expect(
    await page
      .locator('.legend canvas')
      .first()
      .evaluate((c) => (c as HTMLCanvasElement).toDataURL()),
  ).not.toBe(legendBefore);
  expect(new URL(page.url()).searchParams.get('palette')).toBe('cividis');
  const cividis = await mapPixels(page);
  await page.reload();
  await waitReady(page);
  await expect(page.getByTestId('palette-select')).toHaveValue('cividis');
  expect(await mapPixels(page)).toBe(cividis);
  // signed values take the palette's diverging map: on Q K V the map changes with the palette as well
  await page.getByTestId('stage-qkv').click();
  const qkv = page.getByTestId('stage-panel').locator('.heatmap canvas').first();
  const signed = () => qkv.evaluate((c) => (c as HTMLCanvasElement).toDataURL());
  const divCividis = await signed();
  await page.getByTestId('palette-select').selectOption('magma');
  await expect.poll(signed).not.toBe(divCividis);
  await page.goto('/?palette=plasma');
  await waitReady(page);
  await expect(page.getByTestId('palette-select')).toHaveValue('plasma');
  await page.goto('/?palette=jet');
  await waitReady(page);
  await expect(page.getByTestId('palette-select')).toHaveValue('magma'); // unknown: the remembered one
});

/** Texts on the page whose contrast with what is behind them is under WCAG AA (4.5, or 3 for large text). */
async function lowContrastTexts(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const k = ${contrastScript()};
    const rgba = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return { rgb: m.slice(0, 3), a: m.length > 3 ? m[3] : 1 }; };
    const solid = (el) => { for (let e = el; e; e = e.parentElement) { const p = rgba(getComputedStyle(e).backgroundColor); if (p.a > 0.5) return p.rgb; } return rgba(getComputedStyle(document.documentElement).backgroundColor).rgb; };
    const out = [];
    const seen = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || seen.has(el) || !n.textContent.trim()) continue;
      seen.add(el);
      // disabled controls are exempt (WCAG 1.4.3); svg text is checked by the legend test
      if (el.closest('svg, .katex, [disabled], option') || !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const s = getComputedStyle(el);
      const fg = rgba(s.color);
      const bg = solid(el);
      const text = 'rgb(' + fg.rgb.map((v, i) => v * fg.a + bg[i] * (1 - fg.a)).join(',') + ')';
      const c = k.contrast(text, 'rgb(' + bg.join(',') + ')');
      const large = parseFloat(s.fontSize) >= 24 || (parseFloat(s.fontSize) >= 18.66 && Number(s.fontWeight) >= 700);
      if (c < (large ? 3 : 4.5)) out.push(c.toFixed(2) + ' ' + el.tagName.toLowerCase() + '.' + el.className + ': ' + n.textContent.trim().slice(0, 40));
    }
    return out;
  })()`) as Promise<string[]>;
}

test.describe('dark mode, everywhere', () => {
  test.use({ colorScheme: 'dark', viewport: { width: 1280, height: 900 } });

  test('every text of every stage, every analysis (run) and every lesson step is readable (WCAG AA contrast)', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto('/');
    await waitReady(page);
    const low: string[] = [];
    const check = async (where: string) => low.push(...(await lowContrastTexts(page)).map((s) => `${where}: ${s}`));
    await check('start');
    for (const stage of ['patch-embedding', 'position', 'norm1', 'qkv', 'scores', 'context', 'attn-out', 'mlp', 'classifier']) {
      await page.getByTestId(`stage-${stage}`).click();
      await expect(page.getByTestId('stage-panel')).toHaveAttribute('data-stage', stage);
      await check(stage);
    }
    for (const id of ['rollout', 'distance', 'position', 'filters', 'qk', 'ablation', 'classmap', 'norms', 'lens', 'faithfulness', 'mask']) {
      await page.getByTestId(`analysis-tab-${id}`).click();
      const panel = page.locator(`[data-testid="analysis-panel"][data-analysis="${id}"]`);
      await expect(panel).toBeVisible();
      if (id === 'ablation') await page.getByTestId('ablation-head-0-0').click();
      if (id === 'mask') {
        await page.getByTestId('mask-grid').focus();
        await page.keyboard.press('Space');
        await expect(page.getByTestId('mask-result')).toHaveAttribute('data-state', 'done');
      } else {
        // the expensive ones wait for their button; others run by themselves as the tab opens (and hide it when done)
        const run = panel.getByTestId('analysis-run');
        if (await run.isEnabled({ timeout: 1000 }).catch(() => false)) await run.click({ timeout: 5000 }).catch(() => {});
        await expect(panel.getByTestId('analysis-progress')).toHaveCount(0, { timeout: 120_000 });
      }
      await check(id);
    }
    // the guided lesson, step by step
    await page.getByTestId('lesson-start').click();
    for (let n = 1; n <= 15; n++) {
      await expect(page.getByTestId('lesson-step')).toHaveAttribute('data-step', String(n));
      await check(`lesson step ${n}`);
      if (n < 15) await page.getByTestId('lesson-next').click();
    }
    expect(low).toEqual([]);
  });
});
