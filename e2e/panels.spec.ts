/**
 * The trace contract end to end: on a distilled DeiT ([CLS] + [DIST]), the seed toy (no prefix
 * token, mean pooling) and the default model ([CLS]), every stage, attention view and analysis tab
 * opens and draws (the expensive ones run), with no page error and no panel failing; a panel made to
 * fail fails alone; on-demand results do not outlive their image.
 */
import { expect, test, type Page } from '@playwright/test';
import { SMALL_SPEC, testCheckpoint } from './support/checkpoints';
import { uploadModel, waitReady } from './support/page';

const STAGES = ['patches', 'patch-embedding', 'position', 'norm1', 'qkv', 'scores', 'context', 'attn-out', 'mlp', 'classifier'];
const ANALYSES = ['rollout', 'distance', 'position', 'filters', 'qk', 'ablation', 'classmap', 'norms', 'lens', 'faithfulness', 'mask'];

/** Collects uncaught page errors, to be asserted empty at the end. */
function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** How many colours a canvas shows (sampled): more than a few means it drew something. */
async function colours(page: Page, testId: string): Promise<number> {
  return page
    .getByTestId(testId)
    .first()
    .evaluate((c) => {
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const seen = new Set<number>();
      for (let i = 0; i < data.length; i += 4 * 5) seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      return seen.size;
    });
}

async function expectDrawn(page: Page, testId: string) {
  await expect(page.getByTestId(testId).first()).toBeVisible();
  await expect.poll(() => colours(page, testId), { message: `${testId} draws` }).toBeGreaterThan(3);
}

async function noPanelError(page: Page) {
  await expect(page.getByTestId('panel-error')).toHaveCount(0);
}

/** Every stage, each attention view, every analysis tab (the expensive ones run). */
async function openEverything(page: Page, options: { hasCls: boolean; tabTimeout: number }) {
  for (const stage of STAGES) {
    await page.getByTestId(`stage-${stage}`).click();
    await expect(page.getByTestId('stage-panel')).toHaveAttribute('data-stage', stage);
    await expect(page.getByTestId('stage-shapes')).toContainText('[');
    await noPanelError(page);
  }
  await page.getByTestId('stage-patches').click();
  await expectDrawn(page, 'patch-grid');
  await expectDrawn(page, 'attention-heatmap');
  await expectDrawn(page, 'query-overlay-head');
  await expectDrawn(page, 'query-overlay-mean');
  await expect(page.getByTestId('overview-grid')).toBeVisible();
  await expect(page.getByTestId('cls-attention')).toHaveCount(options.hasCls ? 1 : 0);
  if (options.hasCls) await expect(page.getByTestId('cls-attention').locator('canvas').first()).toBeVisible();

  const timeout = options.tabTimeout;
  for (const id of ANALYSES) {
    await page.getByTestId(`analysis-tab-${id}`).click();
    const panel = page.getByTestId('analysis-panel');
    await expect(panel).toHaveAttribute('data-analysis', id);
    await expect(panel.getByTestId('analysis-shape')).toContainText('[');
    const run = async () => {
      await panel.getByTestId('analysis-run').click();
      await expect(panel.getByTestId('analysis-time')).toBeVisible({ timeout });
    };
    switch (id) {
      case 'rollout':
        await expectDrawn(page, 'rollout-map');
        break;
      case 'distance':
        await expect(page.getByTestId('distance-chart').locator('circle').first()).toBeVisible();
        await run();
        await expect(page.getByTestId('distance-chart').locator('circle[fill="none"]').first()).toBeVisible();
        break;
      case 'position':
        await expect(page.getByTestId('position-similarity').or(page.getByTestId('position-similarity-none'))).toBeVisible();
        break;
      case 'filters':
        await expect(page.getByTestId('filter-components').locator('canvas').first()).toBeVisible({ timeout });
        break;
      case 'qk':
        await expect(page.getByTestId('qk-scatter').locator('circle').first()).toBeVisible();
        await page.getByTestId('qk-umap').check();
        await run();
        await expect(page.getByTestId('qk-scatter')).toContainText('UMAP 1');
        break;
      case 'ablation':
        await page.getByTestId('ablation-head-0-0').click();
        await run();
        await expect(page.getByTestId('ablation-result')).toContainText('After (1 off)');
        break;
      case 'classmap':
        await run();
        await expect(page.getByTestId('classmap-map').locator('xpath=..')).toContainText('relevance for');
        await expectDrawn(page, 'classmap-map');
        break;
      case 'norms':
        await expectDrawn(page, 'norms-map');
        await expect(page.getByTestId('norms-high')).not.toBeEmpty();
        break;
      case 'lens':
        await expect(page.getByTestId('lens-chart').locator('path[fill="none"]').first()).toBeVisible({ timeout });
        await expect(page.getByTestId('lens-voters')).toContainText('patches');
        break;
      case 'faithfulness':
        await page.getByTestId('faithfulness-steps').selectOption('4');
        await run();
        await expect(page.getByTestId('faithfulness-auc')).toContainText('random');
        break;
      case 'mask':
        await page.getByTestId('mask-grid').focus();
        await page.keyboard.press('Space');
        await expect(page.getByTestId('mask-result')).toHaveAttribute('data-state', 'done', { timeout });
        await expect(page.getByTestId('mask-attention')).toBeVisible();
        await page.getByTestId('mask-clear').click();
        break;
    }
    await noPanelError(page);
    await expect(panel.locator('.job-error')).toHaveCount(0);
  }
}

test('a distilled DeiT ([CLS] + [DIST]): every stage, view and analysis draws, and the readouts name [DIST]', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const errors = pageErrors(page);
  await page.goto('/');
  await waitReady(page);
  await uploadModel(page, testCheckpoint({ ...SMALL_SPEC, distilled: true }, 'huggingface-deit').files);
  await expect(page.getByTestId('model-summary')).toContainText('distillation token [DIST]');
  await waitReady(page);
  await openEverything(page, { hasCls: true, tabTimeout: 60_000 });

  // token names from the layout: token 1 is [DIST], the first patch is token 2
  await page.getByTestId('stage-patches').click();
  await page.getByRole('button', { name: 'token 1 · [DIST]' }).click();
  await expect(page.getByTestId('query-token')).toHaveText('token 1 · [DIST]');
  const map = page.getByTestId('attention-heatmap');
  const box = (await map.boundingBox())!;
  // 4 × 4 patches + 2 prefix tokens: T = 18; the cell (query 1, key 2)
  await map.hover({ position: { x: box.width * (2.5 / 18), y: box.height * (1.5 / 18) } });
  await expect(page.getByTestId('attention-readout')).toContainText(
    'query token 1 · [DIST] → key token 2 · patch 0 (row 0, col 0)',
  );
  await page.getByTestId('analysis-tab-distance').click();
  await expect(page.getByTestId('distance-chart').locator('circle[fill]:not([fill="none"])')).toHaveCount(3 * 4);
  await page.getByTestId('analysis-tab-qk').click();
  await page.getByTestId('qk-scatter').locator('circle').nth(1).dispatchEvent('mouseover');
  await expect(page.getByTestId('qk-hover')).toHaveText('query of token 1 · [DIST]');
  expect(errors).toEqual([]);
});

test('the seed toy (no prefix token, mean pooling): every stage, view and analysis draws', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = pageErrors(page);
  await page.goto('/?model=seed-toy');
  await waitReady(page);
  await openEverything(page, { hasCls: false, tabTimeout: 120_000 });
  await expect(page.getByTestId('query-token')).toHaveText('token 0 · patch 0 (row 0, col 0)');
  expect(errors).toEqual([]);
});

test('the default model ([CLS]): every stage, view and analysis draws', async ({ page }) => {
  test.setTimeout(150_000);
  const errors = pageErrors(page);
  await page.goto('/');
  await waitReady(page);
  await openEverything(page, { hasCls: true, tabTimeout: 60_000 });
  expect(errors).toEqual([]);
});

test('an analysis that throws fails alone: its panel says what failed on which model, the rest works, the status says so', async ({
  page,
}) => {
  const errors = pageErrors(page);
  await page.addInitScript(() => {
    window.__vitlensFailPanel = 'analysis:rollout';
  });
  await page.goto('/');
  await waitReady(page);
  const failure = page.getByTestId('panel-error');
  await expect(failure).toHaveCount(1);
  await expect(failure).toHaveAttribute('data-panel', 'analysis:rollout');
  await expect(failure).toContainText('The “Attention rollout” analysis failed on the default model');
  await expect(failure).toContainText('made to fail by the test hook');
  await expect(page.getByTestId('status')).toContainText('One panel failed: The “Attention rollout” analysis');
  // the rest of the page works
  await expectDrawn(page, 'attention-heatmap');
  await page.getByTestId('stage-scores').click();
  await expect(page.getByTestId('stage-panel')).toHaveAttribute('data-stage', 'scores');
  await page.getByTestId('analysis-tab-norms').click();
  await expectDrawn(page, 'norms-map');
  await expect(failure).toHaveCount(0);
  await expect(page.getByTestId('status')).not.toContainText('failed');
  // uncaught by nothing: React reports a caught render error on the console, never as a page error
  expect(errors).toEqual([]);
});

test('a stage and an attention view that throw fail alone too', async ({ page }) => {
  await page.addInitScript(() => {
    window.__vitlensFailPanel = 'attention:query';
  });
  await page.goto('/?stage=scores');
  await waitReady(page);
  await expect(page.getByTestId('panel-error')).toHaveCount(1);
  await expect(page.getByTestId('panel-error')).toHaveAttribute('data-panel', 'attention:query');
  await expect(page.getByTestId('query-overlay-head')).toHaveCount(0);
  await expectDrawn(page, 'attention-heatmap');
  await expect(page.getByTestId('stage-shapes')).toContainText('[4, 65, 65]');

  await page.evaluate(() => (window.__vitlensFailPanel = 'stage:mlp'));
  await page.getByTestId('stage-mlp').click();
  await expect(page.getByTestId('panel-error')).toHaveCount(2);
  await expect(page.locator('[data-testid="panel-error"][data-panel="stage:mlp"]')).toContainText(
    'stage failed on the default model',
  );
  await expect(page.getByTestId('stage-scores')).toBeVisible();
  await expect(page.getByTestId('status')).toContainText('2 panels failed');
});

test('the class map and the Q/K layout are cleared when the image changes, then computed for the new one', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await waitReady(page);
  await page.getByTestId('analysis-tab-classmap').click();
  await page.getByTestId('analysis-run').click();
  const caption = page.getByTestId('classmap-map').locator('xpath=..');
  await expect(caption).toContainText('relevance for', { timeout: 30_000 });
  const first = await page.getByTestId('classmap-map').evaluate((c) => (c as HTMLCanvasElement).toDataURL());
  const chosen = await page.getByTestId('classmap-class').inputValue();

  const other = page
    .locator('[data-testid^="gallery-"]')
    .filter({ has: page.locator('img[data-file^="objects/"]') })
    .nth(3);
  const name = (await other.getAttribute('data-testid'))!.replace('gallery-', '');
  await other.click();
  await expect(page.getByTestId('pre-original-size')).toContainText(name);
  await waitReady(page);
  // the same class as before on the new image: nothing computed for it yet
  await page.getByTestId('classmap-class').selectOption(chosen);
  await expect(caption).toContainText('press Compute');
  await expect(page.getByTestId('analysis-run')).toHaveText('Compute the class map');
  await page.getByTestId('analysis-run').click();
  await expect(caption).toContainText('relevance for', { timeout: 30_000 });
  expect(await page.getByTestId('classmap-map').evaluate((c) => (c as HTMLCanvasElement).toDataURL())).not.toBe(first);

  await page.getByTestId('analysis-tab-qk').click();
  await page.getByTestId('qk-umap').check();
  await page.getByTestId('analysis-run').click();
  await expect(page.getByTestId('qk-scatter')).toContainText('UMAP 1', { timeout: 60_000 });
  const back = page
    .locator('[data-testid^="gallery-"]')
    .filter({ has: page.locator('img[data-file^="objects/"]') })
    .nth(5);
  await back.click();
  await waitReady(page);
  await expect(page.getByTestId('qk-scatter')).toContainText('PC 1');
  await expect(page.getByTestId('analysis-panel')).toContainText('Showing PCA until UMAP has run.');
});
