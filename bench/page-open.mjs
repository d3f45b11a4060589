// Page open → first complete view, for `npm run bench`: a fresh browser context (empty cache) opens
// the production build and waits until the default model has run on the sample image and the
// prediction and attention map are drawn. Reports the median over several opens.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumExecutable } from '../scripts/browser.mjs';
import { waitForFirstView } from './first-view.mjs';

export async function measurePageOpen(origin, { opens = 5 } = {}) {
  const browser = await chromium.launch({ executablePath: chromiumExecutable()?.path, args: CHROMIUM_ARGS });
  const times = [];
  let backend = '';
  try {
    for (let i = 0; i < opens; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${origin}/`, { waitUntil: 'commit' });
      await waitForFirstView(page, 60_000);
      times.push(await page.evaluate(() => performance.now()));
      backend = (await page.getByTestId('backend').getAttribute('data-backend')) ?? '';
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { medianMs: sorted[Math.floor((sorted.length - 1) / 2)], times, backend };
}

export function pageOpenTable(r) {
  return [
    'Page open → first complete view (production build served locally, fresh browser context each time, default model and sample image, until the prediction and attention map are drawn).',
    '',
    '| backend | median | target | opens (ms) |',
    '|---|---|---|---|',
    `| ${r.backend} | ${r.medianMs.toFixed(0)} ms | ≤ 1500 ms | ${r.times.map((t) => t.toFixed(0)).join(', ')} |`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = process.argv.find((a) => a.startsWith('--port='))?.split('=')[1] ?? '4173';
  console.log(pageOpenTable(await measurePageOpen(`http://127.0.0.1:${port}`)));
}
