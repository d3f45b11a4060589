// `npm run bench:analyses`: times each analysis of the Analyses section in headless Chromium on
// random weights with real shapes (default ViT-B/16 on wasm), and prints one Markdown table.
// Options: --models=vit-b,default  --backends=wasm,webgl  --steps=16  --full-curves (run every
// deletion/insertion pass instead of timing one batch and multiplying)  --port=4187
// --class-map-before (also time the class map by tfjs's gradients, alternating; ~1 min a round on ViT-B)
// --class-map-rounds=3
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumExecutable } from '../scripts/browser.mjs';
import { MODELS } from './models.mjs';
import { parseArgs, startPreview } from './previewServer.mjs';

const args = parseArgs(process.argv);
const models = (args.models ?? 'vit-b').split(',');
const backends = (args.backends ?? 'wasm').split(',');
const port = Number(args.port ?? 4187);
const stop = await startPreview(port);

const executable = chromiumExecutable();
const browser = await chromium.launch({ executablePath: executable?.path, args: CHROMIUM_ARGS });
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);
const lines = [
  `ViT Lens analyses, random weights. ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${executable?.description ?? 'Chromium'}.`,
];
try {
  for (const backend of backends) {
    for (const key of models) {
      const model = MODELS[key];
      const page = await browser.newPage();
      page.on('console', (m) => m.type() === 'warning' && console.warn(m.text()));
      await page.goto(`http://127.0.0.1:${port}/bench.html`);
      await page.waitForFunction(() => document.getElementById('log')?.textContent === 'ready');
      process.stderr.write(`analyses: ${model.title} on ${backend}…\n`);
      const r = await page.evaluate((req) => window.vitBench.analyses(req), {
        config: model.config,
        numClasses: model.numClasses,
        backend,
        fullCurves: !!args['full-curves'],
        steps: Number(args.steps ?? 16),
        classMapBefore: !!args['class-map-before'],
        classMapRounds: Number(args['class-map-rounds'] ?? 3),
      });
      lines.push(
        '',
        `**${model.title}**, ${r.backend}; the forward pass with full trace that every panel starts from: ${fmt(r.traceMs)}.`,
        '',
        '| analysis | time | what was timed |',
        '|---|---|---|',
        ...r.timings.map((t) => `| ${t.name} | ${fmt(t.ms)} | ${t.note} |`),
      );
      await page.close();
    }
  }
} finally {
  await browser.close();
  stop();
}
console.log(lines.join('\n'));
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/analyses.md', lines.join('\n') + '\n');
