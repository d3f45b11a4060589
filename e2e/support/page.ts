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
