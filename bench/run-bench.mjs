// `npm run bench`: times ViT Lens's engine in headless Chromium on random weights with real
// shapes, on every backend available, and prints one Markdown table. Options:
//   --models=vit-ti,vit-b,default,seed-toy   --backends=webgpu,webgl,wasm,wasm:tfjs,cpu   --runs=5   --all (also the very slow cells)
//   --gpu (Chromium with hardware GPU flags, for a machine with a GPU; without it WebGPU and WebGL run on SwiftShader)
//   --no-readback (skip the cost of reading ViT-B's 156 MB trace back, joined per layer and per tensor)
//   --no-redraw (skip the explainer redraw timings)   --no-engine (skip the per-backend engine table)
//   --no-longtask (skip the longest main-thread task during a ViT-B pass, class map and curves)   --longtask-models=vit-b
//   --no-soak (skip the 100-run memory soak on ViT-B)   --no-open (skip page-open timing)   --no-race (skip the race against onnxruntime-web)   --race-models=vit-b,deit-ti,default   --race-runs=10
//   --no-path (skip the page path, choose a photo → finished view, beside the race's onnxruntime-web forward)   --path-models=vit-b,default   --photos=7
//   --no-clicks (skip the stage clicks answered while ViT-B's curves run, target ≤ 200 ms)   --clicks=12
//   --no-threads (skip the kernels' 1-vs-all-threads scaling on ViT-B shapes, printed beside the race's ratio and target)
//   --no-goals (skip the class map and curves on ViT-B for issue 18's goal table; the table still shows goals 1 and 2)
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumExecutable } from '../scripts/browser.mjs';
import { measureRedraws } from './redraw.mjs';
import { MODELS } from './models.mjs';
import { parseArgs, startPreview } from './previewServer.mjs';
import { ortWarmMs, race, raceTable } from './race.mjs';
import { measurePageOpen, pageOpenTable } from './page-open.mjs';
import { measureThreadScaling, threadScalingTable } from './thread-scaling.mjs';
import { longTaskTable, measureLongTasks } from './longtask.mjs';
import { measurePagePath, pagePathTable } from './page-path.mjs';
import { goalsTable, measureGoalAnalyses } from './goals.mjs';
import { clicksTable, measureClicksDuringCurves } from './click-during-curves.mjs';

const args = parseArgs(process.argv);
// cells that take minutes on a machine without a GPU; --all runs them too
const SLOW = new Set(['vit-b/cpu', 'seed-toy/cpu', 'seed-toy/webgl', ...(args.gpu ? [] : ['seed-toy/webgpu'])]);
// a real GPU: hardware WebGL (ANGLE on the system's GL/Vulkan driver) and hardware WebGPU
const GPU_ARGS = [
  '--no-sandbox',
  '--ignore-gpu-blocklist',
  '--enable-gpu',
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-angle=vulkan',
  '--disable-vulkan-surface',
];
// no GPU: WebGPU on SwiftShader (software), beside the SwiftShader WebGL of CHROMIUM_ARGS
const SOFTWARE_WEBGPU_ARGS = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--enable-features=Vulkan'];

const models = (args.models ?? 'vit-ti,vit-b,default,seed-toy').split(',');
// wasm:tfjs is wasm with tfjs-wasm's own kernels (ViT Lens's kernels off): the engine before them
const backends = (args.backends ?? 'wasm,wasm:tfjs,webgl,cpu').split(',');
const runs = Number(args.runs ?? 5);
const port = Number(args.port ?? 4174);

const stop = await startPreview(port);

const executable = chromiumExecutable();
// precise heap numbers and gc() for the memory soak
const browser = await chromium.launch({
  executablePath: executable?.path,
  args: [
    ...(args.gpu ? GPU_ARGS : [...CHROMIUM_ARGS, ...SOFTWARE_WEBGPU_ARGS]),
    '--enable-precise-memory-info',
    '--js-flags=--expose-gc',
  ],
});
const rows = [];
const redrawTables = [];
let raceRows = [];
let pathRows = [];
let pageOpen = null;
let soak = null;
let longTaskRows = [];
let scaling = null;
let goalAnalyses = null;
let clickRow = null;
const readbackRows = [];
try {
  if (!args['no-readback']) {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/bench.html`);
    await page.waitForFunction(() => document.getElementById('log')?.textContent === 'ready');
    for (const backend of backends.filter((b) => b === 'webgpu' || b === 'webgl')) {
      process.stderr.write(`reading back 156 MB on ${backend}… `);
      try {
        // ViT-B/16's trace: 156 MB in 12 layers of 13 arrays (q, k, v joined)
        const r = await page.evaluate((req) => window.vitBench.readback(req), {
          backend,
          megabytes: 156,
          chunks: 12,
          tensorsPerChunk: 13,
        });
        readbackRows.push(r);
        process.stderr.write(`${r.joinedMs.toFixed(0)} ms\n`);
      } catch (error) {
        process.stderr.write(`failed: ${String(error.message ?? error).split('\n')[0]}\n`);
      }
    }
    await page.close();
  }
  if (!args['no-soak']) {
    process.stderr.write('memory over 100 ViT-B traces… ');
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/bench.html`);
    await page.waitForFunction(() => document.getElementById('log')?.textContent === 'ready');
    soak = await page.evaluate((req) => window.vitBench.soak(req), {
      config: MODELS['vit-b'].config,
      numClasses: 1000,
      backend: 'wasm',
      warmRuns: 0,
      budgetSeconds: 0,
      runs: Number(args['soak-runs'] ?? 100),
    });
    await page.close();
    process.stderr.write('done\n');
  }
  if (!args['no-longtask']) {
    longTaskRows = await measureLongTasks(browser, `http://127.0.0.1:${port}`, {
      models: (args['longtask-models'] ?? 'vit-b').split(','),
      curvePasses: Number(args['curve-passes'] ?? 8),
    });
  }
  if (!args['no-open']) {
    process.stderr.write('page open → first complete view… ');
    pageOpen = await measurePageOpen(`http://127.0.0.1:${port}`);
    process.stderr.write(`${pageOpen.medianMs.toFixed(0)} ms\n`);
  }
  if (!args['no-race']) {
    const keys = (args['race-models'] ?? 'vit-b,deit-ti,default').split(',');
    raceRows = await race(browser, `http://127.0.0.1:${port}`, keys, { runs: Number(args['race-runs'] ?? 10) });
  }
  if (!args['no-threads']) scaling = await measureThreadScaling(browser, `http://127.0.0.1:${port}`);
  if (!args['no-path']) {
    pathRows = await measurePagePath(browser, `http://127.0.0.1:${port}`, {
      models: (args['path-models'] ?? 'vit-b,default').split(','),
      photos: Number(args.photos ?? 7),
    });
  }
  if (!args['no-goals']) goalAnalyses = await measureGoalAnalyses(browser, `http://127.0.0.1:${port}`);
  if (!args['no-clicks']) clickRow = await measureClicksDuringCurves(browser, `http://127.0.0.1:${port}`, { clicks: Number(args.clicks ?? 12) });
  for (const backend of args['no-engine'] ? [] : backends) {
    // a fresh page per backend, so one backend's memory does not weigh on the next
    const page = await browser.newPage();
    page.on('console', (m) => m.type() === 'warning' && console.warn(m.text()));
    await page.goto(`http://127.0.0.1:${port}/bench.html`);
    await page.waitForFunction(() => document.getElementById('log')?.textContent === 'ready');
    for (const key of models) {
      const model = MODELS[key];
      if (SLOW.has(`${key}/${backend}`) && !args.all) {
        rows.push({ model: model.title, backend, skipped: 'skipped (minutes per run; --all runs it)' });
        continue;
      }
      process.stderr.write(`${model.title} on ${backend}… `);
      try {
        const r = await page.evaluate((req) => window.vitBench.run(req), {
          config: model.config,
          numClasses: model.numClasses,
          backend: backend.split(':')[0],
          vitKernels: backend !== 'wasm:tfjs',
          warmRuns: runs,
          budgetSeconds: 60,
        });
        const sorted = [...r.warmMs].sort((a, b) => a - b);
        const median = sorted[Math.floor((sorted.length - 1) / 2)];
        rows.push({
          model: model.title,
          backend: r.backendDetail,
          cold: r.coldMs,
          warm: median,
          n: r.warmMs.length,
          traceMB: r.traceMB,
          weightsMB: r.weightsMB,
        });
        process.stderr.write(`warm ${median?.toFixed(0)} ms\n`);
      } catch (error) {
        rows.push({ model: model.title, backend, skipped: `failed: ${String(error.message ?? error).split('\n')[0]}` });
        process.stderr.write('failed\n');
      }
    }
    await page.close();
  }
  if (!args['no-redraw']) {
    for (const compositing of ['software', 'gpu']) {
      process.stderr.write(`explainer redraws (${compositing} compositing)…\n`);
      redrawTables.push(await measureRedraws(`http://127.0.0.1:${port}`, { compositing }));
    }
  }
} finally {
  await browser.close();
  stop();
}

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const lines = [
  `ViT Lens engine, forward pass recording the full trace, random weights. ${new Date().toISOString().slice(0, 10)}, ` +
    `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${executable?.description ?? 'Chromium'}.`,
  '',
  '| model | backend | cold (1st run) | warm (median) | warm runs | trace held | weights |',
  '|---|---|---|---|---|---|---|',
  ...rows.map((r) =>
    r.skipped
      ? `| ${r.model} | ${r.backend} | ${r.skipped} | | | | |`
      : `| ${r.model} | ${r.backend} | ${fmt(r.cold)} | ${fmt(r.warm)} | ${r.n} | ${r.traceMB.toFixed(1)} MB | ${r.weightsMB.toFixed(1)} MB |`,
  ),
];
if (readbackRows.length)
  lines.push(
    '',
    '| reading back 156 MB (ViT-B/16 trace) | 12 joined reads (one per layer) | 156 separate reads |',
    '|---|---|---|',
    ...readbackRows.map((r) => `| ${r.detail} | ${fmt(r.joinedMs)} | ${fmt(r.separateMs)} |`),
  );
lines.push('', goalsTable({ raceRows, pathRows, analyses: goalAnalyses }));
if (raceRows.length) lines.push('', raceTable(raceRows, fmt));
if (scaling) lines.push('', threadScalingTable(scaling, raceRows));
if (pathRows.length) lines.push('', pagePathTable(pathRows, ortWarmMs(raceRows)));
if (longTaskRows.length) lines.push('', longTaskTable(longTaskRows));
if (clickRow) lines.push('', clicksTable(clickRow));
if (pageOpen) lines.push('', pageOpenTable(pageOpen));
if (soak) {
  const first = soak.samples[0];
  const last = soak.samples[soak.samples.length - 1];
  lines.push(
    '',
    `Memory over ${last.run} ViT-B/16 traces on wasm, the latest trace held (as the page holds it): trace ${soak.traceMB.toFixed(0)} MB (target ≤ 200 MB).`,
    '',
    '| after run | tfjs tensors | tfjs memory | JS heap |',
    '|---|---|---|---|',
    ...soak.samples.map(
      (x) =>
        `| ${x.run} | ${x.numTensors} | ${x.tfMB.toFixed(1)} MB | ${x.heapMB === null ? '–' : `${x.heapMB.toFixed(0)} MB`} |`,
    ),
    '',
    `tfjs tensors ${first.numTensors} → ${last.numTensors}; JS heap ${first.heapMB?.toFixed(0)} → ${last.heapMB?.toFixed(0)} MB.`,
  );
}
if (redrawTables.length) lines.push('', ...redrawTables.flatMap((t) => [t, '']));
console.log(lines.join('\n'));
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.md', lines.join('\n') + '\n');
