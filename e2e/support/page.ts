import { expect, type Page } from '@playwright/test';
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
