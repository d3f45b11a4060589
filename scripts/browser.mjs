// Which Chromium the tests and the benchmark drive: Playwright's own where it is installed,
// Debian's /usr/bin/chromium otherwise. Shared by playwright.config.ts, the bench and check-browser.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Flags measured to give a working (software) WebGL2 context in headless mode on machines without a GPU. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The Chromium executable to use, or null when there is none. `undefined` means Playwright's own. */
export function chromiumExecutable() {
  let own = null;
  try {
    own = chromium.executablePath();
  } catch {
    own = null;
  }
  if (own && existsSync(own)) return { path: undefined, description: `Playwright's Chromium (${own})` };
  if (existsSync(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM, description: `Debian's Chromium (${DEBIAN_CHROMIUM})` };
  return null;
}
