// The first complete view's weight and its time on a slow network, for `npm run bench:first-view`:
// a fresh browser context (empty cache, no service worker) opens the production build, and every
// response the page receives until the first complete view (and a quiet network after it) is counted,
// uncompressed and as gzip would send it. Then the same open with Chromium's network throttled to a
// slow 4G profile (CDP Network.emulateNetworkConditions), timed to the first complete view.
//   node bench/first-view.mjs [--dist=dist] [--port=4175] [--opens=3] [--json]
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumExecutable } from '../scripts/browser.mjs';
import { parseArgs, startPreview } from './previewServer.mjs';

/** ~9 Mbit/s down, ~1.5 Mbit/s up, 150 ms round trip. */
export const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (9e6 / 8) | 0, uploadThroughput: (1.5e6 / 8) | 0 };

/** Resolves when the default model has run on the sample image and the prediction and attention map are drawn. */
export function waitForFirstView(page, timeout = 120_000) {
  return page.waitForFunction(
    () =>
      document.querySelector('[data-testid="status"]')?.getAttribute('data-state') === 'ready' &&
      document.querySelector('[data-testid="prediction"]')?.textContent?.trim() &&
      document.querySelector('[data-testid="attention-heatmap"]'),
    undefined,
    { timeout, polling: 'raf' },
  );
}

/**
 * Every response of one open, until the first complete view and then `quietMs` without a new request
 * (so a panel that the first view opens lazily is counted too). Bytes are the bodies as received,
 * decompressed; gzip is what gzip -6 makes of each body.
 */
export async function countFirstView(context, origin, { quietMs = 1000 } = {}) {
  const page = await context.newPage();
  const bodies = [];
  let lastRequest = Date.now();
  page.on('request', () => (lastRequest = Date.now()));
  page.on('response', (response) => {
    if (!/^https?:/.test(response.url())) return; // blob: and data: are not network
    bodies.push(
      response
        .body()
        .then((body) => ({ url: response.url(), status: response.status(), bytes: body.length, gzip: gzipSync(body).length }))
        .catch(() => ({ url: response.url(), status: response.status(), bytes: 0, gzip: 0 })),
    );
  });
  await page.goto(`${origin}/`, { waitUntil: 'commit' });
  await waitForFirstView(page);
  while (Date.now() - lastRequest < quietMs) await page.waitForTimeout(100);
  const responses = await Promise.all(bodies);
  await page.close();
  return {
    responses,
    bytes: responses.reduce((s, r) => s + r.bytes, 0),
    gzip: responses.reduce((s, r) => s + r.gzip, 0),
  };
}

/** Milliseconds from navigation to the first complete view, the network throttled to `conditions`. */
export async function timeFirstView(browser, origin, conditions) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', conditions);
  const start = Date.now();
  await page.goto(`${origin}/`, { waitUntil: 'commit' });
  // the first moment the page shows something useful: the title, the sample image and the stepper
  const useful = page
    .waitForFunction(() => !!document.querySelector('h1') && !!document.querySelector('.stepper') && !!document.querySelector('[data-testid^="gallery-"] img'), undefined, {
      timeout: 120_000,
      polling: 100,
    })
    .then(() => Date.now() - start)
    .catch(() => null);
  const shell = page
    .waitForFunction(() => !!document.querySelector('h1'), undefined, { timeout: 120_000, polling: 100 })
    .then(() => Date.now() - start);
  await waitForFirstView(page);
  const firstView = Date.now() - start;
  const result = { shellMs: await shell, usefulMs: await useful, firstViewMs: firstView };
  await context.close();
  return result;
}

const mb = (b) => `${(b / 1e6).toFixed(2)} MB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs(process.argv);
  const port = Number(args.port ?? 4175);
  const opens = Number(args.opens ?? 3);
  const stop = await startPreview(port, { outDir: args.dist ?? 'dist' });
  const browser = await chromium.launch({ executablePath: chromiumExecutable()?.path, args: CHROMIUM_ARGS });
  const origin = `http://127.0.0.1:${port}`;
  try {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const counted = await countFirstView(context, origin);
    await context.close();
    const times = [];
    for (let i = 0; i < opens; i++) times.push(await timeFirstView(browser, origin, SLOW_4G));
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
    if (args.json) {
      console.log(JSON.stringify({ ...counted, times }, null, 1));
    } else {
      const byFile = [...counted.responses].sort((a, b) => b.bytes - a.bytes);
      console.log(`First complete view: ${counted.responses.length} responses, ${mb(counted.bytes)} uncompressed, ${mb(counted.gzip)} with gzip.`);
      console.log('');
      console.log('| response | bytes | gzip |');
      console.log('|---|---|---|');
      for (const r of byFile.slice(0, 25)) console.log(`| ${new URL(r.url).pathname} | ${(r.bytes / 1e3).toFixed(1)} kB | ${(r.gzip / 1e3).toFixed(1)} kB |`);
      console.log('');
      console.log(
        `Slow 4G (${((SLOW_4G.downloadThroughput * 8) / 1e6).toFixed(0)} Mbit/s down, ${SLOW_4G.latency} ms latency, vite preview sends gzip), ${opens} opens: ` +
          `title ${median(times.map((t) => t.shellMs))} ms, stepper ${median(times.map((t) => t.usefulMs ?? NaN))} ms, first complete view ${median(times.map((t) => t.firstViewMs))} ms ` +
          `(${times.map((t) => t.firstViewMs).join(', ')}).`,
      );
    }
  } finally {
    await browser.close();
    stop();
  }
}
