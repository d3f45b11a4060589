import { defineConfig } from '@playwright/test';
// @ts-expect-error: a plain .mjs helper shared with the bench scripts
import { CHROMIUM_ARGS, chromiumExecutable } from './scripts/browser.mjs';

const browser = chromiumExecutable() as { path: string | undefined } | null;
const port = Number(process.env.VITLENS_E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    headless: true,
    acceptDownloads: true,
    launchOptions: { executablePath: browser?.path, args: CHROMIUM_ARGS },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
