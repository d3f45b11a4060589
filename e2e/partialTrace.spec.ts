/**
 * Partial traces, forced on the small default model with ?record=shown: the layers not recorded are
 * re-run when shown (the "running layer N" placeholder), equal to the full trace's; the views across
 * every layer give way to a note; the export writes the recorded layers and recorded_layers.
 */
import { expect, test, type Page } from '@playwright/test';
import { exportTrace, waitReady } from './support/page';

/** Records whether the placeholder ever appears (a small model's re-run takes a few milliseconds). */
async function watchPlaceholder(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __sawLayerRunning?: boolean };
    w.__sawLayerRunning = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="layer-running"]')) w.__sawLayerRunning = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
}

test('?record=shown: a layer not recorded is re-run to the full trace\'s arrays; the all-layer views are hidden with a note; the export\'s default is the kept layers, listed in recorded_layers', async ({
  page,
}) => {
  // the full trace first
  await page.goto('/?stage=scores&layer=3');
  await waitReady(page);
  await expect(page.getByTestId('partial-trace-note')).toHaveCount(0);
  await expect(page.getByTestId('overview-grid')).toBeVisible();
  const full = await exportTrace(page);
  expect(full.has('recorded_layers')).toBe(false);

  await page.goto('/?record=shown&stage=scores&layer=0');
  await waitReady(page);
  const note = page.getByTestId('partial-trace-note');
  await expect(note).toBeVisible();
  await expect(note).toContainText('?record=all');
  await expect(note).toContainText('layers 0 only (of 6)');
  await expect(page.getByTestId('overview-grid')).toHaveCount(0);
  await expect(page.getByTestId('attention-panel')).toBeVisible();
  const first = await exportTrace(page);
  expect(Array.from(first.get('recorded_layers')!.data)).toEqual([0]);
  expect(first.has('layer3.attn')).toBe(false);
  expect(Array.from(first.get('layer0.attn')!.data)).toEqual(Array.from(full.get('layer0.attn')!.data));
  expect(Array.from(first.get('logits')!.data)).toEqual(Array.from(full.get('logits')!.data));

  await watchPlaceholder(page);
  await page.getByTestId('stage-panel').locator('select').first().selectOption('3');
  await expect(page.getByTestId('layer-running')).toHaveCount(0);
  await expect(page.getByTestId('attention-panel')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __sawLayerRunning?: boolean }).__sawLayerRunning)).toBe(true);
  const rerun = await exportTrace(page);
  expect(Array.from(rerun.get('recorded_layers')!.data)).toEqual([0, 3]);
  for (const key of ['attn', 'scores', 'q', 'mlp_hidden', 'out']) {
    expect(rerun.get(`layer3.${key}`)!.shape, key).toEqual(full.get(`layer3.${key}`)!.shape);
    expect(Array.from(rerun.get(`layer3.${key}`)!.data), key).toEqual(Array.from(full.get(`layer3.${key}`)!.data));
  }
  // nothing leaks in the engine over re-runs
  const tensors = () => page.evaluate(() => window.__vitlensTensors!());
  const before = await tensors();
  for (const layer of ['4', '5', '2']) {
    await page.getByTestId('stage-panel').locator('select').first().selectOption(layer).catch(() => {});
    await expect(page.getByTestId('attention-panel')).toBeVisible();
  }
  expect(await tensors()).toBe(before);
});
