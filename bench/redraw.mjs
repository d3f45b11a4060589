// Part of `npm run bench`: time from a key press (or click) to the painted frame in the explainer,
// on a ViT-B/16-sized model (197 × 197 per head) and the seed toy's shape (1024 × 1024 per head).
// Nothing is re-run: every redraw reads the stored trace. Usage: node bench/redraw.mjs [--port=4174]
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumExecutable } from '../scripts/browser.mjs';

const CASES = [
  { model: 'random-vit-b', title: 'ViT-B/16 shape (T = 197)', target: 16 },
  { model: 'random-seed-toy', title: 'seed toy shape (T = 1024)', target: 50 },
];
const KEYS = [
  ['ArrowRight', 'next stage'],
  [']', 'next head'],
  ['ArrowDown', 'next layer'],
  ['[', 'previous head'],
  ['ArrowUp', 'previous layer'],
  ['ArrowLeft', 'previous stage'],
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/**
 * @param compositing 'gpu' composites through the GPU process (SwiftShader here: software GL, slow);
 *   'software' uses Chromium's CPU compositor (--disable-gpu), as on a machine without a GPU.
 */
export async function measureRedraws(baseUrl, { rounds = 4, stages = ['qkv', 'scores', 'mlp'], compositing = 'software' } = {}) {
  const args = compositing === 'software' ? [...CHROMIUM_ARGS, '--disable-gpu'] : CHROMIUM_ARGS;
  const browser = await chromium.launch({ executablePath: chromiumExecutable()?.path, args });
  const rows = [];
  try {
    for (const c of CASES) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${baseUrl}/?model=${c.model}&stage=${stages[0]}&layer=1&head=1&query=5`);
      await page.waitForSelector('[data-testid="status"][data-state="ready"]', { timeout: 180_000 });
      await page.waitForTimeout(500);
      const byKind = new Map();
      for (const stage of stages) {
        await page.goto(`${baseUrl}/?model=${c.model}&stage=${stage}&layer=1&head=1&query=5`);
        await page.waitForSelector('[data-testid="status"][data-state="ready"]', { timeout: 180_000 });
        await page.mouse.click(5, 5);
        for (let r = 0; r < rounds; r++) {
          for (const [key, what] of KEYS) {
            const before = await page.evaluate(() => window.__vitlensRedraws?.length ?? 0);
            await page.keyboard.press(key);
            await page.waitForFunction((n) => (window.__vitlensRedraws?.length ?? 0) > n, before);
            const ms = await page.evaluate(() => window.__vitlensRedraws.at(-1).ms);
            const kind = `${what}`;
            byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
          }
        }
      }
      // a new query token: click patches on the patch grid
      await page.goto(`${baseUrl}/?model=${c.model}&stage=patches&layer=1&head=1`);
      await page.waitForSelector('[data-testid="status"][data-state="ready"]', { timeout: 180_000 });
      const grid = page.getByTestId('patch-grid');
      const box = await grid.boundingBox();
      for (let r = 0; r < rounds * 3; r++) {
        const before = await page.evaluate(() => window.__vitlensRedraws?.length ?? 0);
        await grid.click({
          position: { x: (((r * 37) % 100) / 100) * box.width + 1, y: (((r * 53) % 100) / 100) * box.height + 1 },
        });
        await page.waitForFunction((n) => (window.__vitlensRedraws?.length ?? 0) > n, before);
        const ms = await page.evaluate(() => window.__vitlensRedraws.at(-1).ms);
        byKind.set('new query token', [...(byKind.get('new query token') ?? []), ms]);
      }
      const all = [...byKind.values()].flat();
      rows.push({ ...c, byKind, median: median(all), max: Math.max(...all), n: all.length });
      await page.close();
    }
  } finally {
    await browser.close();
  }
  const kinds = [...rows[0].byKind.keys()];
  return [
    `Explainer redraws, key press or click → next painted frame, ${compositing === 'software' ? 'CPU compositor (--disable-gpu)' : 'GPU compositor on SwiftShader'} (stages ${stages.join(', ')}; median of each kind):`,
    '',
    `| model | target | ${kinds.join(' | ')} | all: median | all: max | n |`,
    `|---|---|${kinds.map(() => '---').join('|')}|---|---|---|`,
    ...rows.map(
      (r) =>
        `| ${r.title} | ≤ ${r.target} ms | ${kinds.map((k) => `${median(r.byKind.get(k)).toFixed(1)} ms`).join(' | ')} | ${r.median.toFixed(1)} ms | ${r.max.toFixed(1)} ms | ${r.n} |`,
    ),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = process.argv.find((a) => a.startsWith('--port='))?.split('=')[1] ?? '4173';
  const compositing = process.argv.includes('--gpu') ? 'gpu' : 'software';
  console.log(await measureRedraws(`http://127.0.0.1:${port}`, { compositing }));
}
