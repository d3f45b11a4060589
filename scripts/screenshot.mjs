// Opens the built app in headless Chromium and saves a screenshot: `node scripts/screenshot.mjs [url] [out.png] [css selector]`.
// Expects a server (e.g. `npx vite preview --port 4173`) to be running.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumExecutable } from './browser.mjs';

const url = process.argv[2] ?? 'http://127.0.0.1:4173/';
const out = process.argv[3] ?? 'screenshot.png';
const selector = process.argv[4]; // optional: only this element
const browser = await chromium.launch({ executablePath: chromiumExecutable()?.path, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.on('console', (m) => console.log('console:', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(url);
await page.waitForSelector('[data-testid="status"][data-state="ready"], [data-testid="status"][data-state="error"]', {
  timeout: 60_000,
});
console.log('status:', await page.textContent('[data-testid="status"]'));
console.log('backend:', await page.textContent('[data-testid="backend"]'));
if (selector) await page.locator(selector).screenshot({ path: out });
else await page.screenshot({ path: out, fullPage: true });
await browser.close();
