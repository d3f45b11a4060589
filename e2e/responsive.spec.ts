/**
 * The page at a phone's, a tablet's and a desktop's width (#16): on every stage and every analysis
 * tab, nothing is wider than the viewport (document.documentElement.scrollWidth ≤ its width); the
 * phone's first screen shows the image, the prediction and the stepper; touch does what hover does;
 * a big T × T map zooms and pans. Screenshots of each width go to test-results/responsive/.
 */
import { expect, test, type Page } from '@playwright/test';
import { waitReady } from './support/page';

const STAGES = ['patches', 'patch-embedding', 'position', 'norm1', 'qkv', 'scores', 'context', 'attn-out', 'mlp', 'classifier'];
const ANALYSES = ['rollout', 'distance', 'position', 'filters', 'qk', 'ablation', 'classmap', 'norms', 'lens', 'faithfulness', 'mask'];
const VIEWPORTS = [
  { width: 360, height: 740, phone: true },
  { width: 390, height: 844, phone: true },
  { width: 768, height: 1024, phone: true },
  { width: 1440, height: 900, phone: false },
];

/** The page's width beyond the viewport, and the elements that stick out (for the failure message). */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const wide: string[] = [];
    if (document.documentElement.scrollWidth > width) {
      for (const el of document.querySelectorAll('body *')) {
        const box = el.getBoundingClientRect();
        if (box.right > width + 0.5 && box.width > 0) {
          const id = el.getAttribute('data-testid');
          wide.push(
            `${el.tagName.toLowerCase()}${id ? `[${id}]` : ''}.${(el.className as unknown as string).toString().split(' ')[0]} → ${Math.round(box.right)}`,
          );
        }
        if (wide.length >= 8) break;
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, wide };
  });
}

async function expectNoSideScroll(page: Page, where: string) {
  const o = await overflow(page);
  expect(
    o.scrollWidth,
    `${where}: the page is ${o.scrollWidth} px wide in a ${o.width} px viewport (${o.wide.join('; ')})`,
  ).toBeLessThanOrEqual(o.width);
}

/**
 * What sticks out of a panel's right edge without a scroller to reach it: clipped where the panel
 * hides its overflow, or pushing the page wider where it does not.
 */
async function stickingOut(page: Page, testId: string): Promise<string[]> {
  return page
    .getByTestId(testId)
    .first()
    .evaluate((root) => {
      const edge = root.getBoundingClientRect().right + 0.5;
      const out: string[] = [];
      for (const el of root.querySelectorAll('*')) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.right <= edge) continue;
        let scrolls = false;
        for (let e = el.parentElement; e && e !== root; e = e.parentElement) {
          if (/auto|scroll/.test(getComputedStyle(e).overflowX)) scrolls = true;
        }
        if (!scrolls) out.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} → ${Math.round(box.right)} (edge ${Math.round(edge)})`);
        if (out.length >= 8) break;
      }
      return out;
    });
}

for (const vp of VIEWPORTS) {
  test(`${vp.width} × ${vp.height}: no sideways scroll on any stage or analysis tab`, async ({ browser }) => {
    test.setTimeout(180_000);
    const context = await browser.newContext({
      viewport: { width: vp.width, height: vp.height },
      deviceScaleFactor: vp.phone ? 2 : 1,
      isMobile: vp.phone,
      hasTouch: vp.phone,
    });
    const page = await context.newPage();
    await page.goto('/');
    await waitReady(page);
    const dir = `test-results/responsive/${vp.width}x${vp.height}`;
    await expectNoSideScroll(page, 'first view');
    await page.screenshot({ path: `${dir}-first-screen.png` });
    // the Hub's panel, open: its list of models wraps instead of running off the panel
    await page.getByTestId('hub-panel').locator('summary').click();
    await expect(page.getByTestId('hub-model-id')).toBeVisible();
    expect(await stickingOut(page, 'hub-panel'), 'the Hub panel').toEqual([]);
    await expectNoSideScroll(page, 'the Hub panel');
    await page.getByTestId('hub-panel').locator('summary').click();
    if (vp.width < 600) {
      // the first screen of a phone: the image, the prediction and the stepper, without scrolling
      for (const id of ['preprocess-panel', 'prediction', 'stage-patches']) {
        const box = await page.getByTestId(id).first().boundingBox();
        expect(box, `${id} is on the page`).not.toBeNull();
        expect(box!.y, `${id} starts on the first screen`).toBeLessThan(vp.height - 40);
      }
    }
    for (const stage of STAGES) {
      await page.getByTestId(`stage-${stage}`).click();
      await expect(page.getByTestId('stage-panel')).toHaveAttribute('data-stage', stage);
      await expectNoSideScroll(page, `stage ${stage}`);
      if (stage === 'patches' || stage === 'qkv' || stage === 'scores')
        await page.getByTestId('stage-panel').screenshot({ path: `${dir}-stage-${stage}.png` });
    }
    await page.getByTestId('attention-heatmap').scrollIntoViewIfNeeded();
    await expectNoSideScroll(page, 'attention views');
    await page.screenshot({ path: `${dir}-attention.png` });
    for (const id of ANALYSES) {
      await page.getByTestId(`analysis-tab-${id}`).click();
      await expect(page.getByTestId('analysis-panel')).toHaveAttribute('data-analysis', id);
      if (id === 'mask') {
        await page.getByTestId('mask-grid').focus();
        await page.keyboard.press('Space');
        await expect(page.getByTestId('mask-result')).toHaveAttribute('data-state', 'done');
      }
      // the tabs that compute by themselves as they open (the filters' components…) have drawn their figure
      await expect(page.getByTestId('analysis-progress')).toHaveCount(0, { timeout: 60_000 });
      await expectNoSideScroll(page, `analysis ${id}`);
      expect(await stickingOut(page, 'analysis-panel'), `analysis ${id}`).toEqual([]);
      if (id === 'rollout' || id === 'position' || id === 'qk')
        await page.getByTestId('analysis-panel').screenshot({ path: `${dir}-analysis-${id}.png` });
    }
    await page.screenshot({ path: `${dir}-full.png`, fullPage: true });
    await context.close();
  });
}

test('touch: a tap reads and locks a cell, a tap on a patch picks the query; a 197-token map zooms and pans', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await page.goto('/?model=random-vit-ti');
  await waitReady(page);
  const map = page.getByTestId('attention-heatmap');
  await map.scrollIntoViewIfNeeded();
  // the T × T map fits the phone (197 tokens in at most the viewport's width)
  const fitted = (await map.boundingBox())!;
  expect(fitted.width).toBeLessThanOrEqual(390);
  await expectNoSideScroll(page, 'a 197-token map on a phone');

  // tap a cell: its numbers are read out and locked
  await map.tap({ position: { x: fitted.width * (10.5 / 197), y: fitted.height * (3.5 / 197) } });
  await expect(page.getByTestId('attention-readout')).toContainText('(locked)');
  await expect(page.getByTestId('attention-readout')).toContainText('weight');

  // zoom in twice: the map is 4× wider than its viewport, which now scrolls (pans) inside itself
  await page.getByTestId('attention-heatmap-zoom-in').tap();
  await page.getByTestId('attention-heatmap-zoom-in').tap();
  await expect.poll(async () => (await map.boundingBox())!.width).toBeGreaterThan(fitted.width * 3.5);
  const viewport = page.getByTestId('attention-heatmap-viewport');
  const scroll = await viewport.evaluate((v) => ({ scrollable: v.scrollWidth > v.clientWidth, width: v.clientWidth }));
  expect(scroll.scrollable).toBe(true);
  expect(scroll.width).toBeLessThanOrEqual(390);
  await viewport.evaluate((v) => v.scrollBy(200, 200));
  await expectNoSideScroll(page, 'a zoomed map');
  await page.screenshot({ path: 'test-results/responsive/zoomed-390.png' });
  await page.getByTestId('attention-heatmap-zoom-reset').tap();
  await expect.poll(async () => Math.round((await map.boundingBox())!.width)).toBe(Math.round(fitted.width));

  // tap a patch of the query overlay: it becomes the query token
  const overlay = page.getByTestId('query-overlay-head');
  await overlay.scrollIntoViewIfNeeded();
  const before = await page.getByTestId('query-token').textContent();
  const box = (await overlay.boundingBox())!;
  await overlay.tap({ position: { x: box.width * 0.7, y: box.height * 0.6 } });
  await expect(page.getByTestId('query-token')).not.toHaveText(before ?? '');
  await context.close();
});
