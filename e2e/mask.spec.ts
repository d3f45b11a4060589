import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { waitReady } from './support/page';

const SHOTS = '/tmp/issue-17-mask';

/** The centre of patch (row, col) on the mask grid, in the canvas's own coordinates. */
async function cellCentre(page: Page, row: number, col: number) {
  await page.getByTestId('mask-grid').scrollIntoViewIfNeeded();
  const box = (await page.getByTestId('mask-grid').boundingBox())!;
  return { x: box.x + ((col + 0.5) * box.width) / 8, y: box.y + ((row + 0.5) * box.height) / 8 };
}

const probabilities = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => ({ cls: r.getAttribute('data-class'), delta: Number(r.querySelector('[data-delta]')!.getAttribute('data-delta')) })));

test('mask four patches of a held-out sample: top-5 with deltas and the attention change, undo, the address round-trips', async ({
  page,
}) => {
  test.setTimeout(120_000);
  mkdirSync(SHOTS, { recursive: true });
  await page.goto('/');
  await waitReady(page);
  // a held-out object of the gallery other than the one the page opens on
  const objects = page.locator('[data-testid^="gallery-"]').filter({ has: page.locator('img[data-file^="objects/"]') });
  const item = objects.nth(3);
  const name = (await item.getAttribute('data-testid'))!.replace('gallery-', '');
  await item.click();
  await expect(page.getByTestId('pre-original-size')).toContainText(name);
  await waitReady(page);
  const tensors = await page.evaluate(() => window.__vitlensTensors?.());

  await page.getByTestId('analysis-tab-mask').click();
  const panel = page.getByTestId('analysis-panel');
  await expect(panel).toHaveAttribute('data-analysis', 'mask');
  await expect(panel.getByTestId('analysis-shape')).toContainText('[3, 64, 64]');
  await expect(page.getByTestId('mask-result')).toHaveAttribute('data-state', 'idle');
  const unmaskedImage = await page.getByTestId('mask-image').evaluate((c) => (c as HTMLCanvasElement).toDataURL());

  // one drag over two patches, then two clicks: four patches in the middle, three edits
  const a = await cellCentre(page, 3, 3);
  const b = await cellCentre(page, 3, 4);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 4 });
  await page.mouse.up();
  for (const [r, c] of [
    [4, 3],
    [4, 4],
  ] as const) {
    const p = await cellCentre(page, r, c);
    await page.mouse.click(p.x, p.y);
  }
  await expect(page.getByTestId('mask-count')).toHaveAttribute('data-count', '4');
  await expect(page.getByTestId('mask-result')).toHaveAttribute('data-state', 'done');
  await expect(page).toHaveURL(/mask=8x8_27-28_35-36&maskfill=mean/);
  expect(await page.getByTestId('mask-image').evaluate((c) => (c as HTMLCanvasElement).toDataURL())).not.toBe(unmaskedImage);

  // the top-5 on both sides, with deltas that are not all zero: the masked image is predicted differently
  await expect(page.getByTestId('mask-top-before').locator('tbody tr')).toHaveCount(5);
  await expect(page.getByTestId('mask-top-after').locator('tbody tr')).toHaveCount(5);
  const after = await probabilities(page, 'mask-top-after');
  expect(Math.max(...after.map((r) => Math.abs(r.delta)))).toBeGreaterThan(1e-4);
  await expect(page.getByTestId('mask-top-after')).toContainText(/[+−]\d+\.\d pts/);
  // the attention change per head: a 6 × 4 grid, not all zero
  const largest = Number(await page.locator('.attention-shift').getAttribute('data-largest'));
  expect(largest).toBeGreaterThan(1e-4);
  await page.getByTestId('mask-attention').hover({ position: { x: 5, y: 5 } });
  await expect(page.getByTestId('mask-attention-readout')).toContainText('layer 0 head 0:');
  await panel.screenshot({ path: `${SHOTS}/mask-tab.png` });

  // another fill re-runs and goes into the address
  await page.getByTestId('mask-fill').selectOption('blur');
  await expect(page).toHaveURL(/maskfill=blur/);
  await expect(page.getByTestId('mask-result')).toHaveAttribute('data-state', 'done');
  const blurred = await probabilities(page, 'mask-top-after');
  expect(blurred).not.toEqual(after);
  const url = page.url();

  // undo: Ctrl+Z takes back the last click, the button the next; the run follows
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('mask-count')).toHaveAttribute('data-count', '3');
  await page.getByTestId('mask-undo').click();
  await expect(page.getByTestId('mask-count')).toHaveAttribute('data-count', '2');
  await expect(page).toHaveURL(/mask=8x8_27-28&/);
  await page.getByTestId('mask-undo').click();
  await expect(page.getByTestId('mask-count')).toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('mask-result')).toHaveAttribute('data-state', 'idle');
  await expect(page.getByTestId('mask-undo')).toBeDisabled();
  expect(page.url()).not.toContain('mask=');
  expect(await page.getByTestId('mask-image').evaluate((c) => (c as HTMLCanvasElement).toDataURL())).toBe(unmaskedImage);
  // the re-runs left no tensor behind
  expect(await page.evaluate(() => window.__vitlensTensors?.())).toBe(tensors);

  // the copied link reopens the tab with the same mask and fill
  await page.goto(url);
  await waitReady(page);
  await expect(page.getByTestId('analysis-panel')).toHaveAttribute('data-analysis', 'mask');
  await expect(page.getByTestId('mask-count')).toHaveAttribute('data-count', '4');
  await expect(page.getByTestId('mask-fill')).toHaveValue('blur');
  await expect(page.getByTestId('mask-result')).toHaveAttribute('data-state', 'done');
  await page.getByTestId('mask-clear').click();
  await expect(page.getByTestId('mask-count')).toHaveAttribute('data-count', '0');
});

test('keyboard masking: arrows move the outlined cell, Space toggles it, the unmask brush takes it back', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await page.getByTestId('analysis-tab-mask').click();
  const grid = page.getByTestId('mask-grid');
  await grid.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('mask-cell-readout')).toHaveText('patch 10 (row 1, col 2): visible');
  // the explainer's keys stay put while the grid has the focus
  await expect(page.getByTestId('stage-panel')).toHaveAttribute('data-stage', 'patches');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('mask-cell-readout')).toHaveText('patch 10 (row 1, col 2): masked');
  await expect(page.getByTestId('mask-count')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('mask-result')).toHaveAttribute('data-state', 'done');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('mask-count')).toHaveAttribute('data-count', '0');
  // the unmask brush: a stroke over masked patches clears them
  await page.keyboard.press('Space');
  await page.getByTestId('mask-mode').selectOption('unmask');
  const p = await cellCentre(page, 1, 2);
  await page.mouse.click(p.x, p.y);
  await expect(page.getByTestId('mask-count')).toHaveAttribute('data-count', '0');
});

test('a mask in the address that does not fit the model is ignored with a notice', async ({ page }) => {
  await page.goto('/?mask=14x14_3-9&maskfill=black');
  await waitReady(page);
  await expect(page.getByTestId('analysis-panel')).toHaveAttribute('data-analysis', 'mask');
  await expect(page.getByTestId('mask-notice')).toContainText('another patch grid');
  await expect(page.getByTestId('mask-count')).toHaveAttribute('data-count', '0');
  await page.goto(`/?mask=8x8_${'1_'.repeat(3000)}2`);
  await waitReady(page);
  await expect(page.getByTestId('mask-notice')).toContainText('too long');
});
