// Browser resampling vs Pillow's on the sample images, and whether the default model's top-1
// changes. Expects a server of the bench build on --port (default 4173): `npx vite build -c vite.bench.config.ts && npx vite preview -c vite.bench.config.ts`, then node bench/resampling.mjs
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumExecutable } from '../scripts/browser.mjs';

const port = process.argv.find((a) => a.startsWith('--port='))?.split('=')[1] ?? '4173';
const browser = await chromium.launch({ executablePath: chromiumExecutable()?.path, args: CHROMIUM_ARGS });
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${port}/bench.html`);
await page.waitForFunction(() => document.getElementById('log')?.textContent === 'ready');
const rows = await page.evaluate(() => window.vitBench.resampling('/models/default/', '/samples/'));
await browser.close();
const changed = rows.filter((r) => r.top1Pillow !== r.top1Browser);
console.log('| sample | resize | max pixel difference | mean | top-1 (Pillow) | top-1 (browser canvas) |');
console.log('|---|---|---|---|---|---|');
for (const r of rows)
  console.log(
    `| ${r.file} | ${r.size} | ${r.maxPixelDifference} | ${r.meanPixelDifference.toFixed(2)} | ${r.top1Pillow} | ${r.top1Browser} |`,
  );
console.log(
  `\ntop-1 changed on ${changed.length} of ${rows.length} samples; max pixel difference ${Math.max(...rows.map((r) => r.maxPixelDifference))} (of 255)`,
);
