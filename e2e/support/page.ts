import { expect, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { decodeNpz, type NpyArray } from '../../src/model/testing/npzReader';
import type { UploadFile } from './checkpoints';

export async function waitReady(page: Page): Promise<void> {
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
}

export async function waitState(page: Page, state: string): Promise<void> {
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', state, { timeout: 45_000 });
}

export async function uploadModel(page: Page, files: UploadFile[]): Promise<void> {
  await page.getByTestId('model-files-input').setInputFiles(files);
}

export async function uploadImage(page: Page, file: UploadFile): Promise<void> {
  await page.getByTestId('image-input').setInputFiles(file);
}

export async function exportTrace(page: Page): Promise<Map<string, NpyArray>> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-trace').click()]);
  expect(download.suggestedFilename()).toBe('trace.npz');
  const path = await download.path();
  return decodeNpz(new Uint8Array(await readFile(path)));
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
