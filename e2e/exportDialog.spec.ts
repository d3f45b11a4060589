/**
 * The export dialog (trace.npz: which layers), on the small default model: a full trace exports all
 * its layers by default, with the size said exactly; a partial trace (?record=shown) exports its kept
 * layers by default, and all of them after re-running the others in the engine's worker (with
 * progress), equal to the full trace's file; a typed list is checked; Escape and Cancel close the
 * dialog without a download, and the keyboard alone can export.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFile, stat } from 'node:fs/promises';
import { decodeNpz } from '../src/model/testing/npzReader';
import { LAYER_NPZ_KEYS } from '../src/model/traceNpz';
import { exportDownload, exportTrace, waitReady } from './support/page';

const LAYER_KEYS = Object.values(LAYER_NPZ_KEYS);
const layerKeys = (layers: number[]) => layers.flatMap((l) => LAYER_KEYS.map((k) => `layer${l}.${k}`));

/** Counts the downloads the page starts from now on. */
function countDownloads(page: Page): { count: number } {
  const seen = { count: 0 };
  page.on('download', () => seen.count++);
  return seen;
}

/** Records whether the dialog's progress ever shows (a small model's re-run takes milliseconds). */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __exportProgress?: string[] };
    w.__exportProgress = [];
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="export-progress"]')?.textContent;
      if (text && !w.__exportProgress!.includes(text)) w.__exportProgress!.push(text);
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

test('a full trace: the dialog defaults to all layers, says the exact size, and writes the full file', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await page.getByTestId('export-trace').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Export trace.npz' })).toBeVisible();
  await expect(dialog.getByTestId('export-layers-all')).toBeChecked();
  await expect(dialog.getByTestId('export-layers-all')).toBeFocused();
  await expect(dialog.getByTestId('export-layers-shown')).not.toBeChecked();
  await expect(dialog.getByTestId('export-warning')).toHaveCount(0);
  const size = Number(await dialog.getByTestId('export-size').getAttribute('data-bytes'));
  await dialog.getByTestId('export-cancel').click();
  await expect(dialog).toHaveCount(0);

  const download = await exportDownload(page);
  expect((await stat(await download.path())).size).toBe(size);
  const npz = decodeNpz(new Uint8Array(await readFile(await download.path())));
  expect(npz.has('recorded_layers')).toBe(false);
  expect([...npz.keys()].filter((k) => k.startsWith('layer'))).toEqual(layerKeys([0, 1, 2, 3, 4, 5]));
});

test("a partial trace: all layers are re-run into the full trace's file, with progress; a typed list is checked; Escape and Cancel close", async ({
  page,
}) => {
  await page.goto('/?stage=scores&layer=3');
  await waitReady(page);
  const full = await exportTrace(page);

  await page.goto('/?record=shown&stage=scores&layer=2');
  await waitReady(page);
  await expect(page.getByTestId('partial-trace-note')).toBeVisible();
  const downloads = countDownloads(page);
  const dialog = page.getByTestId('export-dialog');
  const exportButton = page.getByTestId('export-trace');

  // Escape closes it, and the focus goes back to the button
  await exportButton.click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('export-layers-shown')).toBeChecked();
  await expect(dialog.getByTestId('export-layers-shown')).toBeFocused();
  await expect(dialog.getByTestId('export-layers-shown').locator('..')).toContainText('0, 2');
  const keptBytes = Number(await dialog.getByTestId('export-size').getAttribute('data-bytes'));
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(exportButton).toBeFocused();

  // Cancel too; the explainer's keys do not reach the page while the dialog is open
  await exportButton.click();
  await dialog.getByTestId('export-cancel').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('stage-panel')).toHaveAttribute('data-stage', 'scores');
  await dialog.getByTestId('export-cancel').click();
  await expect(dialog).toHaveCount(0);

  // a typed list: bad ones are refused in words, with Export disabled
  await exportButton.click();
  const text = dialog.getByTestId('export-layers-text');
  const error = dialog.getByTestId('export-layers-error');
  const confirm = dialog.getByTestId('export-confirm');
  for (const [typed, says] of [
    ['2-9', 'layers 0 to 5'],
    ['4-1', '4-1'],
    ['one', '“one”'],
    ['', 'at least one layer'],
  ]) {
    await text.fill(typed!);
    await expect(dialog.getByTestId('export-layers-custom')).toBeChecked();
    await expect(error).toContainText(says!);
    await expect(text).toHaveAttribute('aria-invalid', 'true');
    await expect(confirm).toBeDisabled();
    await expect(dialog.getByTestId('export-size')).toHaveCount(0);
  }
  await text.fill('1, 3-4');
  await expect(error).toHaveCount(0);
  await expect(confirm).toBeEnabled();
  await expect(dialog.getByTestId('export-size')).toContainText('3 layers are run again first');
  await dialog.getByTestId('export-layers-all').check();
  const allBytes = Number(await dialog.getByTestId('export-size').getAttribute('data-bytes'));
  expect(allBytes).toBeGreaterThan(keptBytes);
  await expect(dialog.getByTestId('export-size')).toContainText('4 layers are run again first');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  expect(downloads.count).toBe(0);

  // all layers: the four not kept are re-run, and the file is the full trace's
  await watchProgress(page);
  const download = await exportDownload(page, 'all');
  expect((await stat(await download.path())).size).toBe(allBytes);
  const all = decodeNpz(new Uint8Array(await readFile(await download.path())));
  expect([...all.keys()]).toEqual([...full.keys()]);
  for (const [key, array] of full) {
    expect(all.get(key)!.shape, key).toEqual(array.shape);
    expect(Array.from(all.get(key)!.data), key).toEqual(Array.from(array.data));
  }
  const progress = await page.evaluate(() => (window as unknown as { __exportProgress?: string[] }).__exportProgress!);
  expect(
    progress.some((p) => /Running layer [1345] \(\d of 4\)/.test(p)),
    progress.join(' | '),
  ).toBe(true);

  // a typed subset: its layers and recorded_layers
  const subset = await exportTrace(page, '4, 1');
  expect([...subset.keys()].filter((k) => k.startsWith('layer'))).toEqual(layerKeys([1, 4]));
  expect(Array.from(subset.get('recorded_layers')!.data)).toEqual([1, 4]);
  expect(Array.from(subset.get('layer4.attn')!.data)).toEqual(Array.from(full.get('layer4.attn')!.data));
  // and the default: the kept layers, as the one-click export wrote them
  const kept = await exportTrace(page);
  expect(Array.from(kept.get('recorded_layers')!.data)).toEqual([0, 2]);
  expect(downloads.count).toBe(3);
});

test('the keyboard alone: Enter opens the dialog, the arrows choose, Tab reaches Export', async ({ page }) => {
  await page.goto('/?record=shown&stage=scores&layer=0');
  await waitReady(page);
  await page.getByTestId('export-trace').focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.getByTestId('export-layers-shown')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(dialog.getByTestId('export-layers-all')).toBeChecked();
  await page.keyboard.press('Tab'); // the typed list
  await expect(dialog.getByTestId('export-layers-text')).toBeFocused();
  await expect(dialog.getByTestId('export-layers-all')).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(dialog.getByTestId('export-cancel')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByTestId('export-confirm')).toBeFocused();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const npz = decodeNpz(new Uint8Array(await readFile(await download.path())));
  expect(npz.has('recorded_layers')).toBe(false);
  expect([...npz.keys()].filter((k) => k.startsWith('layer'))).toEqual(layerKeys([0, 1, 2, 3, 4, 5]));
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('export-trace')).toBeFocused();
});

test('ViT-B, partial: Cancel during the re-runs stops them, downloads nothing and leaks nothing; the next export works', async ({
  page,
}) => {
  await page.goto('/?model=random-vit-b&record=shown&stage=scores&layer=0');
  await waitReady(page);
  const tensors = () => page.evaluate(() => window.__vitlensTensors!());
  const before = await tensors();
  const downloads = countDownloads(page);
  await page.getByTestId('export-trace').click();
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByTestId('export-layers-all').check();
  await expect(dialog.getByTestId('export-size')).toContainText('11 layers are run again first');
  await dialog.getByTestId('export-confirm').click();
  const progress = dialog.getByTestId('export-progress');
  await expect(progress).toContainText(/Running layer \d+ \(\d+ of 11\)/);
  await expect(dialog.getByTestId('export-confirm')).toBeDisabled();
  await expect(dialog.getByTestId('export-layers-all')).toBeDisabled();
  await expect(dialog.getByTestId('export-cancel')).toBeFocused();
  await dialog.getByTestId('export-cancel').click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(tensors, { timeout: 20_000 }).toBe(before);
  await page.waitForTimeout(1000);
  expect(downloads.count).toBe(0);

  const one = await exportTrace(page, '5');
  expect([...one.keys()].filter((k) => k.startsWith('layer'))).toEqual(layerKeys([5]));
  expect(one.get('layer5.attn')!.shape).toEqual([12, 197, 197]);
  expect(Array.from(one.get('recorded_layers')!.data)).toEqual([5]);
  expect(await tensors()).toBe(before);
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe, ${theme} theme: no violation in the open dialog, with a bad list and with the re-run size`, async ({ page }) => {
    await page.goto(`/?record=shown&stage=scores&layer=2&theme=${theme}`);
    await waitReady(page);
    await page.getByTestId('export-trace').click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.getByTestId('export-layers-all').check();
    const audit = async () =>
      (
        await new AxeBuilder({ page })
          .include('[data-testid="export-dialog"]')
          .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'])
          .analyze()
      ).violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(await audit()).toEqual([]);
    await dialog.getByTestId('export-layers-text').fill('3-1');
    await expect(dialog.getByTestId('export-layers-error')).toBeVisible();
    expect(await audit()).toEqual([]);
  });
}
