// The longest main-thread task (PerformanceObserver 'longtask') during a ViT-B forward pass, the
// class map and the deletion/insertion curves' passes, beside each computation's engine time.
// Part of `npm run bench` (skip with --no-longtask); alone, after a bench build:
//   node bench/longtask.mjs [--longtask-models=vit-b,vit-ti] [--curve-passes=8] [--backends=wasm]
import { MODELS } from './models.mjs';

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

export async function measureLongTasks(browser, url, options = {}) {
  const rows = [];
  for (const backend of options.backends ?? ['wasm']) {
    for (const key of options.models ?? ['vit-b']) {
      const model = MODELS[key];
      process.stderr.write(`longest main-thread task, ${model.title} on ${backend}… `);
      // a fresh page each time: one model's memory does not weigh on the next
      const page = await browser.newPage();
      try {
        await page.goto(`${url}/bench.html`);
        await page.waitForFunction(() => document.getElementById('log')?.textContent === 'ready');
        const result = await page.evaluate((req) => window.vitBench.longTasks(req), {
          config: model.config,
          numClasses: model.numClasses,
          backend,
          warmRuns: 0,
          budgetSeconds: 0,
          curvePasses: options.curvePasses ?? 8,
        });
        rows.push(...result.map((r) => ({ model: model.title, backend, ...r })));
        process.stderr.write(`worst ${fmt(Math.max(...result.map((r) => r.longestTaskMs)))}\n`);
      } catch (error) {
        rows.push({ model: model.title, backend, failed: String(error.message ?? error).split('\n')[0] });
        process.stderr.write('failed\n');
      } finally {
        await page.close();
      }
    }
  }
  return rows;
}

export function longTaskTable(rows) {
  return [
    'The page\'s main thread during the engine\'s long computations (PerformanceObserver "longtask": tasks over 50 ms; target: longest ≤ 50 ms).',
    '',
    '| model | backend | computation | engine time | longest main-thread task | tasks over 50 ms |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) =>
      r.failed
        ? `| ${r.model} | ${r.backend} | failed: ${r.failed} | | | |`
        : `| ${r.model} | ${r.backend} | ${r.computation} | ${fmt(r.engineMs)} | ${r.longTasks ? fmt(r.longestTaskMs) : 'none over 50 ms'} | ${r.longTasks} |`,
    ),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { chromium } = await import('playwright-core');
  const { CHROMIUM_ARGS, chromiumExecutable } = await import('../scripts/browser.mjs');
  const { parseArgs, startPreview } = await import('./previewServer.mjs');
  const args = parseArgs(process.argv);
  const port = Number(args.port ?? 4175);
  const stop = await startPreview(port);
  const browser = await chromium.launch({ executablePath: chromiumExecutable()?.path, args: CHROMIUM_ARGS });
  try {
    const rows = await measureLongTasks(browser, `http://127.0.0.1:${port}`, {
      models: (args['longtask-models'] ?? 'vit-b').split(','),
      backends: (args.backends ?? 'wasm').split(','),
      curvePasses: Number(args['curve-passes'] ?? 8),
    });
    console.log(longTaskTable(rows));
  } finally {
    await browser.close();
    stop();
  }
}
