import { chromiumExecutable } from './browser.mjs';

if (!chromiumExecutable()) {
  console.error(
    'No Chromium found: install one with `sudo apt-get install -y chromium` (Debian/Ubuntu) or `npx playwright install chromium`.',
  );
  process.exit(1);
}
