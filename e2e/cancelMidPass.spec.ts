import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { cancelAndTimeFreed, waitReady } from './support/page';
import { clickStagesWhileRunning } from './support/stageClicks';

/*
 * A long computation leaves the page usable: the deletion/insertion curves' passes give way between layers, so a
 * click is served while it runs, and Cancel (or a new image) stops it at the next layer. On the
 * ViT-Ti/16 shape (random weights, 224 px, 12 layers): its curves at 16 steps take a few seconds here,
 * where the ViT-B shape's take most of a minute (the curves, once the long job here, takes
 * well under a second since its backward kernels) (see `npm run bench` for the ViT-B long tasks).
 *
 * The engine runs in its worker (src/worker/): e2e/engineWorker.spec.ts holds the same targets on
 * the ViT-B shape.
 */
const MODEL = '/?model=random-vit-ti';

const tensors = (page: Page) => page.evaluate(() => window.__vitlensTensors!());

async function openCurves(page: Page) {
  await page.goto(MODEL);
  await waitReady(page);
  await page.getByTestId('analysis-tab-faithfulness').click();
  const panel = page.getByTestId('analysis-panel');
  await expect(panel).toHaveAttribute('data-analysis', 'faithfulness');
  await panel.getByTestId('faithfulness-steps').selectOption('16');
  return panel;
}

/** the curves' table of areas: there once they are computed, absent before */
const result = (page: Page) => page.getByTestId('faithfulness-auc');

test('while the curves runs, a click on a stage changes the stage at once, not after the run', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const panel = await openCurves(page);
  await clickStagesWhileRunning(page, panel, ['scores', 'context', 'mlp'], testInfo, 'the curves');
  await expect(result(page)).toBeVisible({ timeout: 120_000 });
});

test('Cancel mid-pass stops the curves within a second and leaves the previous result and the tensor count as they were', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const panel = await openCurves(page);
  await panel.getByTestId('analysis-run').click();
  await expect(result(page)).toBeVisible({ timeout: 120_000 });
  const before = await tensors(page);
  const took = await panel.getByTestId('analysis-time').textContent();
  const fullMs = /([\d.]+) s/.test(took!) ? Number(/([\d.]+) s/.exec(took!)![1]) * 1000 : Number(/(\d+) ms/.exec(took!)![1]);
  // again, and cancelled once it is well into its layers
  await panel.getByTestId('analysis-run').click();
  await expect(panel.getByTestId('analysis-progress')).toBeVisible();
  await page.waitForTimeout(300);
  await expect(panel.getByTestId('analysis-progress'), 'still running when cancelled').toBeVisible();
  // from the click's own time stamp to the moment the pass has freed what it made (it checks
  // between half blocks), timed in the page
  const stopMs = await cancelAndTimeFreed(page, panel, before);
  testInfo.annotations.push({
    type: 'Cancel → pass stopped, its tensors freed (ms)',
    description: `${stopMs} (a full run: ${fullMs})`,
  });
  expect(stopMs).toBeLessThanOrEqual(1_000);
  expect(await tensors(page)).toBe(before);
  await expect(result(page)).toBeVisible();
  await expect(panel.getByTestId('analysis-time')).toHaveText(took!);
  // and nothing arrives late
  await page.waitForTimeout(3_000);
  expect(await tensors(page)).toBe(before);
  await expect(panel.getByTestId('analysis-time')).toHaveText(took!);
});

test('a new image chosen while the curves runs shows only the new image’s results', async ({ page }) => {
  test.setTimeout(120_000);
  const panel = await openCurves(page);
  const before = await tensors(page);
  await panel.getByTestId('analysis-run').click();
  await expect(panel.getByTestId('analysis-progress')).toBeVisible();
  const buffer = await readFile('e2e/fixtures/images/grayscale.png');
  await page.getByTestId('image-input').setInputFiles({ name: 'grayscale.png', mimeType: 'image/png', buffer });
  await expect(page.getByTestId('status')).toContainText('Ready', { timeout: 30_000 });
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'ready');
  // the old image's class map was cancelled: no result now, nor later
  await expect(panel.getByTestId('analysis-progress')).toHaveCount(0);
  await expect(result(page)).toHaveCount(0);
  await page.waitForTimeout(4_000);
  await expect(result(page)).toHaveCount(0);
  // the new trace replaced the old one, tensor for tensor; the cancelled pass left nothing
  expect(await tensors(page)).toBe(before);
  // the new image's own class map
  await panel.getByTestId('analysis-run').click();
  await expect(result(page)).toBeVisible({ timeout: 120_000 });
});
