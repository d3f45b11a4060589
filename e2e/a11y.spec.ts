/**
 * Accessibility measured (#16): axe (WCAG 2.x A/AA and best practice) on each stage, the attention
 * views and each analysis tab, in the light and the dark theme: no serious or critical violation.
 * Every control is reached by Tab and shows where the focus is; each heatmap is described by its readout.
 * (The 简体中文 pass of the same checks belongs with the translation.)
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { waitReady } from './support/page';

const STAGES = ['patches', 'patch-embedding', 'position', 'norm1', 'qkv', 'scores', 'context', 'attn-out', 'mlp', 'classifier'];
const ANALYSES = ['rollout', 'distance', 'position', 'filters', 'qk', 'ablation', 'classmap', 'norms', 'lens', 'faithfulness', 'mask'];
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

interface Found {
  where: string;
  id: string;
  impact: string;
  targets: string[];
}

/** One axe run, on the whole page or (faster) on the part that changed. */
async function audit(page: Page, where: string, found: Found[], counts: Record<string, number>, include?: string) {
  const builder = new AxeBuilder({ page }).withTags(TAGS);
  const result = await (include ? builder.include(include) : builder).analyze();
  for (const v of result.violations) {
    const impact = v.impact ?? 'unknown';
    counts[impact] = (counts[impact] ?? 0) + v.nodes.length;
    found.push({ where, id: v.id, impact, targets: v.nodes.slice(0, 4).map((n) => n.target.join(' ')) });
  }
  counts.passes = (counts.passes ?? 0) + result.passes.length;
}

for (const theme of ['light', 'dark'] as const) {
  test(`axe, ${theme} theme: no serious or critical violation on any stage, attention view or analysis tab`, async ({
    page,
  }, info) => {
    test.setTimeout(240_000);
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('/');
    await waitReady(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const found: Found[] = [];
    const counts: Record<string, number> = {};
    await audit(page, 'the whole page', found, counts);
    for (const stage of STAGES) {
      await page.getByTestId(`stage-${stage}`).click();
      await expect(page.getByTestId('stage-panel')).toHaveAttribute('data-stage', stage);
      await audit(page, `stage ${stage}`, found, counts, '[data-testid="stage-panel"]');
    }
    // the attention views with a locked cell and a picked query
    await page.getByTestId('stage-patches').click();
    await page.getByTestId('attention-heatmap').click({ position: { x: 30, y: 40 } });
    await expect(page.getByTestId('attention-readout')).toContainText('(locked)');
    await audit(page, 'attention views', found, counts, '.attention-explorer');
    for (const id of ANALYSES) {
      await page.getByTestId(`analysis-tab-${id}`).click();
      await expect(page.getByTestId('analysis-panel')).toHaveAttribute('data-analysis', id);
      if (id === 'mask') {
        await page.getByTestId('mask-grid').focus();
        await page.keyboard.press('Space');
        await expect(page.getByTestId('mask-result')).toHaveAttribute('data-state', 'done');
      }
      // the panel's own code has loaded (not its 'Loading…' line) and what computes by itself has finished
      await expect(page.getByTestId('analysis-loading')).toHaveCount(0);
      await expect(page.getByTestId('analysis-progress')).toHaveCount(0, { timeout: 60_000 });
      await audit(page, `analysis ${id}`, found, counts, '[data-testid="analysis-panel"]');
    }
    await page.getByTestId('hub-panel').locator('summary').click();
    await audit(page, 'hub panel open', found, counts, '[data-testid="hub-panel"]');
    const summary = `axe ${theme}: ${JSON.stringify(counts)}; ${found.map((f) => `${f.where}: ${f.impact} ${f.id} (${f.targets.join(', ')})`).join(' | ') || 'no violations'}`;
    console.log(summary);
    await info.attach(`axe-${theme}.json`, { body: JSON.stringify({ counts, found }, null, 2), contentType: 'application/json' });
    const bad = found.filter((f) => f.impact === 'serious' || f.impact === 'critical');
    expect(bad, summary).toEqual([]);
  });
}

test('every control is reached by Tab, in order, with a visible focus; each heatmap is described by its readout', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await waitReady(page);
  // the controls a keyboard must reach: everything focusable and shown, except what sits in a closed <details>
  const controls = await page.evaluate(() => {
    const all = [...document.querySelectorAll<HTMLElement>('button, select, input, summary, a[href], [tabindex="0"]')];
    return all
      .filter((el) => !(el as HTMLButtonElement).disabled && el.checkVisibility({ visibilityProperty: true }) && el.tabIndex >= 0)
      .map((el, i) => {
        el.dataset.a11yIndex = String(i);
        return i;
      }).length;
  });
  expect(controls).toBeGreaterThan(30);
  const reached = new Set<string>();
  const unseen: string[] = [];
  await page.locator('body').focus();
  for (let i = 0; i < controls + 40 && reached.size < controls; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      // a file input is invisible by design: its label's button shows the focus (.file-button:focus-within span)
      const shownBy = el.matches('.file-button input') ? getComputedStyle(el.parentElement!.querySelector('span')!) : s;
      const visible = (shownBy.outlineStyle !== 'none' && parseFloat(shownBy.outlineWidth) > 0) || shownBy.boxShadow !== 'none';
      return {
        index: el.dataset.a11yIndex ?? null,
        visible,
        name: `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ''} ${el.textContent?.slice(0, 30) ?? ''}`,
      };
    });
    if (!focus) continue;
    if (focus.index !== null) reached.add(focus.index);
    if (!focus.visible) unseen.push(focus.name);
  }
  expect(unseen, 'controls focused without a visible focus').toEqual([]);
  expect(reached.size, 'controls reached by Tab').toBe(controls);

  // the keyboard operates the maps: arrow keys move the locked cell, and the readout (the map's description) says what it holds
  const map = page.getByTestId('attention-heatmap');
  await map.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  const readout = page.getByTestId('attention-readout');
  await expect(readout).toContainText('weight');
  const described = await map.getAttribute('aria-describedby');
  expect(described).toBeTruthy();
  await expect(page.locator(`[id="${described}"]`)).toHaveText((await readout.textContent()) ?? '');
  // every map drawn on a canvas has a name, and the matrix views are described by their readouts
  await page.getByTestId('stage-qkv').click();
  const canvases = page.locator('canvas[role="img"]');
  for (const c of await canvases.all()) expect(await c.getAttribute('aria-label')).toBeTruthy();
  const matrices = page.getByTestId('stage-panel').locator('.heatmap canvas');
  expect(await matrices.count()).toBeGreaterThan(2);
  for (const m of await matrices.all()) {
    const id = await m.getAttribute('aria-describedby');
    await expect(page.locator(`[id="${id}"]`)).toHaveClass(/readout/);
  }
});
