import { expect, test, type Page } from '@playwright/test';
import { waitReady } from './support/page';

/** Opens one analysis tab and returns its panel. */
async function openAnalysis(page: Page, id: string) {
  await page.getByTestId(`analysis-tab-${id}`).click();
  const panel = page.getByTestId('analysis-panel');
  await expect(panel).toHaveAttribute('data-analysis', id);
  await expect(panel.getByTestId('analysis-shape')).toContainText('[');
  return panel;
}

/** A canvas that has drawn something other than one flat colour. */
async function expectPainted(page: Page, testId: string) {
  // a figure computed off the page (the analysis worker) is drawn when its numbers arrive: polled
  const distinct = () =>
    page.getByTestId(testId).evaluate((c) => {
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const colours = new Set<number>();
      for (let i = 0; i < data.length; i += 4 * 7) colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      return colours.size;
    });
  await expect.poll(distinct, { message: `${testId} draws more than one colour` }).toBeGreaterThan(3);
}

test('every analysis draws on the default model', async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  await page.goto('/');
  await waitReady(page);
  const shot = async (name: string) => {
    const panel = page.getByTestId('analysis-panel');
    await panel.screenshot({ path: testInfo.outputPath(`analysis-${name}.png`) });
  };

  let panel = await openAnalysis(page, 'rollout');
  await expect(panel.getByTestId('analysis-shape')).toHaveText(/\[65, 65\].*\[64\].*8 × 8/);
  await expectPainted(page, 'rollout-map');
  const before = await page.getByTestId('rollout-map').evaluate((c) => (c as HTMLCanvasElement).toDataURL());
  await page.getByTestId('rollout-layer').selectOption('1');
  await expect.poll(() => page.getByTestId('rollout-map').evaluate((c) => (c as HTMLCanvasElement).toDataURL())).not.toBe(before);
  await page.getByTestId('rollout-layer').selectOption('5');
  await shot('01-rollout');

  panel = await openAnalysis(page, 'distance');
  await expect(page.getByTestId('distance-chart').locator('circle')).toHaveCount(24);
  await panel.getByTestId('analysis-run').click();
  await expect(page.getByTestId('distance-chart').locator('circle[fill="none"]')).toHaveCount(24, { timeout: 60_000 });
  await shot('02-distance');

  await openAnalysis(page, 'position');
  await expectPainted(page, 'position-similarity');
  await shot('03-position');

  panel = await openAnalysis(page, 'filters');
  await expect(page.getByTestId('filter-components').locator('canvas')).toHaveCount(16);
  await expect(page.getByTestId('filter-components')).toContainText('PC1 ·');
  await shot('04-filters');

  panel = await openAnalysis(page, 'qk');
  await expect(page.getByTestId('qk-scatter').locator('circle')).toHaveCount(130);
  await page.getByTestId('qk-scatter').locator('circle').nth(70).dispatchEvent('mouseover');
  await expect(page.getByTestId('qk-hover')).toHaveText('key of token 5 · patch 4 (row 0, col 4)');
  await page.getByTestId('qk-umap').check();
  await panel.getByTestId('analysis-run').click();
  await expect(panel.getByTestId('analysis-time')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('qk-scatter')).toContainText('UMAP 1');
  await shot('05-qk');

  panel = await openAnalysis(page, 'ablation');
  await page.getByTestId('ablation-layer-off').click();
  await expect(page.getByTestId('ablation-head-0-2')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('ablation-head-5-1').click();
  await panel.getByTestId('analysis-run').click();
  await expect(page.getByTestId('ablation-result')).toContainText('After (5 off)');
  await shot('06-ablation');

  panel = await openAnalysis(page, 'classmap');
  await panel.getByTestId('analysis-run').click();
  await expect(page.getByTestId('classmap-map').locator('xpath=..')).toContainText('relevance for', { timeout: 30_000 });
  await expectPainted(page, 'classmap-map');
  await shot('07-classmap');

  await openAnalysis(page, 'norms');
  await expectPainted(page, 'norms-map');
  await expectPainted(page, 'features-pca');
  await expect(page.getByTestId('norms-high')).not.toBeEmpty();
  await shot('08-norms');

  await openAnalysis(page, 'lens');
  await expect(page.getByTestId('lens-chart').locator('path[fill="none"]')).toHaveCount(5);
  await expect(page.getByTestId('lens-voters')).toContainText('of 64 patches');
  await shot('09-lens');

  panel = await openAnalysis(page, 'faithfulness');
  const tensors = await page.evaluate(() => window.__vitlensTensors?.());
  expect(typeof tensors, 'the tensor-count hook is installed on a page driven by automation').toBe('number');
  await panel.getByTestId('analysis-run').click();
  await expect(page.getByTestId('faithfulness-auc')).toContainText('random', { timeout: 90_000 });
  await expect(page.getByTestId('faithfulness-deletion').locator('path[fill="none"]')).toHaveCount(4);
  await expect(page.getByTestId('faithfulness-insertion').locator('path[fill="none"]')).toHaveCount(4);
  await shot('10-faithfulness');

  await openAnalysis(page, 'mask');
  await page.getByTestId('mask-grid').focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('mask-result')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('mask-top-after').locator('tbody tr')).toHaveCount(5);
  await expectPainted(page, 'mask-image');
  await shot('11-mask');
  // the re-runs, gradients included, leave no tensor behind
  expect(await page.evaluate(() => window.__vitlensTensors?.())).toBe(tensors);
});

test('analysis tabs work from the keyboard, and a long run can be cancelled', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await page.getByTestId('analysis-tab-rollout').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('analysis-tab-distance')).toBeFocused();
  await expect(page.getByTestId('analysis-panel')).toHaveAttribute('data-analysis', 'distance');
  // the explainer's stage did not move with the arrow key
  await expect(page.getByTestId('stage-panel')).toHaveAttribute('data-stage', 'patches');
  await page.keyboard.press('End');
  await expect(page.getByTestId('analysis-panel')).toHaveAttribute('data-analysis', 'mask');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('analysis-panel')).toHaveAttribute('data-analysis', 'faithfulness');
  await page.getByTestId('faithfulness-steps').selectOption('64');
  await page.getByTestId('analysis-run').click();
  await expect(page.getByTestId('analysis-progress')).toBeVisible();
  await page.getByTestId('analysis-cancel').click();
  await expect(page.getByTestId('analysis-progress')).toHaveCount(0);
  await expect(page.getByTestId('faithfulness-auc')).toHaveCount(0);
  // it can run again after a cancel
  await page.getByTestId('faithfulness-steps').selectOption('4');
  await page.getByTestId('analysis-run').click();
  await expect(page.getByTestId('faithfulness-auc')).toContainText('rollout', { timeout: 60_000 });
});
