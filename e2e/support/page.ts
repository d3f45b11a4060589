import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { decodeNpz, type NpyArray } from '../../src/model/testing/npzReader';
import type { UploadFile } from './checkpoints';

/** Waits for the status "ready"; a failure names the page's error message, if it shows one. */
export async function waitReady(page: Page): Promise<void> {
  const state = () =>
    page.evaluate(() => {
      const status = document.querySelector('[data-testid="status"]')?.getAttribute('data-state') ?? 'no status';
      if (status !== 'error') return status;
      return `error: ${document.querySelector('[data-testid="error-message"]')?.textContent ?? '(no message shown)'}`;
    });
  await expect.poll(state, { timeout: 45_000, intervals: [50, 100, 250] }).toBe('ready');
}

export async function waitState(page: Page, state: string): Promise<void> {
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', state, { timeout: 45_000 });
}

export async function uploadModel(page: Page, files: UploadFile[]): Promise<void> {
  await page.getByTestId('model-files-input').setInputFiles(files);
}

/**
 * Chooses `file` as the image and waits until the page has taken it: its status, its preprocessing
 * panel or an error names the file. Until then a status of "ready" is still the previous image's.
 */
export async function uploadImage(page: Page, file: UploadFile): Promise<void> {
  await page.getByTestId('image-input').setInputFiles(file);
  const named = (name: string) =>
    ['status', 'pre-original-size', 'error-message'].some((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.includes(name));
  await page.waitForFunction(named, file.name, { timeout: 45_000 });
}

/**
 * Exports trace.npz through the export dialog and reads it back. `layers`: the dialog's choice
 * (`shown`, `all`, or a typed list such as "0-3, 11"); its default when absent (all layers of a full
 * trace, the kept ones of a partial trace: the file the one-click export wrote before the dialog).
 */
export async function exportTrace(page: Page, layers?: 'shown' | 'all' | string): Promise<Map<string, NpyArray>> {
  const download = await exportDownload(page, layers);
  return decodeNpz(new Uint8Array(await readFile(await download.path())));
}

/** Opens the export dialog, makes the choice, exports, and returns the download (trace.npz). */
export async function exportDownload(page: Page, layers?: 'shown' | 'all' | string): Promise<Download> {
  await page.getByTestId('export-trace').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  if (layers === 'shown' || layers === 'all') await dialog.getByTestId(`export-layers-${layers}`).check();
  else if (layers !== undefined) await dialog.getByTestId('export-layers-text').fill(layers);
  const downloading = page.waitForEvent('download', { timeout: 60_000 });
  await dialog.getByTestId('export-confirm').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('trace.npz');
  await expect(dialog).toHaveCount(0);
  return download;
}

/** Answers the question a link's ?hub= raises: yes, remembered (so later pages of the test are not asked). */
export async function acceptHubLink(page: Page, hubUrl: string, remember = true): Promise<void> {
  const question = page.getByTestId('hub-link-question');
  await expect(question.getByTestId('hub-link-url')).toHaveText(hubUrl);
  if (remember) await question.getByTestId('hub-link-remember').check();
  await question.getByTestId('hub-link-confirm').click();
  await expect(question).toHaveCount(0);
}

/**
 * Presses the analysis panel's Cancel and returns the milliseconds from the click's own time stamp
 * to the moment the engine's live tensor count is back to `before` (timed in the page, polling the
 * count the engine reports), once the progress bar has gone.
 */
export async function cancelAndTimeFreed(page: Page, panel: Locator, before: number): Promise<number> {
  await page.evaluate((count) => {
    const w = window as { __cancelled?: Promise<number> };
    w.__cancelled = new Promise((resolve) =>
      document.querySelector('[data-testid="analysis-cancel"]')!.addEventListener(
        'click',
        (event) => {
          const poll = () =>
            void window.__vitlensTensors!().then((n) =>
              n === count ? resolve(performance.now() - event.timeStamp) : setTimeout(poll, 5),
            );
          poll();
        },
        { once: true, capture: true },
      ),
    );
  }, before);
  await panel.getByTestId('analysis-cancel').click();
  await expect(panel.getByTestId('analysis-progress')).toHaveCount(0);
  return Math.round(await page.evaluate(() => (window as { __cancelled?: Promise<number> }).__cancelled!));
}

/**
 * The bound on a click answered while a long job runs: well under one call of the job's passes
 * (20 images: ViT-Ti ≈ 1 s, ViT-B ≈ 8 s), so a page that waits for the engine fails, while the tail
 * of a busy 2-core CI machine (up to ~260 ms seen) passes. The goal itself, ≤ 200 ms, is measured by
 * `npm run bench` (bench/click-during-curves.mjs: ViT-B median 36 ms, worst 78 ms).
 */
export const ANSWERED_WHILE_RUNNING_MS = 500;

/** How many whole paints the all-layer overview grid has made (its canvas's data-paints). */
export const overviewPaints = (page: Page): Promise<number> =>
  page
    .getByTestId('overview-grid')
    .locator('canvas')
    .evaluate((c) => Number((c as HTMLCanvasElement).dataset.paints ?? 0));
