// Where a traced ViT-B pass spends the page thread's time: a CPU profile (Chrome DevTools Protocol)
// of window.vitBench.repeatTrace (zero-copy passes, 50 ms apart, as the race runs them), summed by
// function (self time). WebAssembly kernels show as wasm-function names; the rest is tfjs and ViT Lens glue.
//   node bench/profile-trace.mjs [--port=4177] [--model=vit-b] [--runs=10] [--top=30]   (run after `vite build -c vite.bench.config.ts`)
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumExecutable } from '../scripts/browser.mjs';
import { parseArgs, startPreview } from './previewServer.mjs';
import { MODELS } from './models.mjs';

const args = parseArgs(process.argv);
const port = Number(args.port ?? 4177);
const { config, numClasses } = MODELS[args.model ?? 'vit-b'];
const runs = Number(args.runs ?? 10);
const top = Number(args.top ?? 30);

const stop = await startPreview(port);
const browser = await chromium.launch({ executablePath: chromiumExecutable()?.path, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/bench.html`);
  await page.waitForFunction(() => document.getElementById('log')?.textContent === 'ready');
  await page.evaluate((r) => window.vitBench.prepareRepeat(r), { config, numClasses, backend: 'wasm', warmRuns: 1, budgetSeconds: 60 });
  await page.evaluate(() => window.vitBench.repeatTrace(3));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const times = await page.evaluate((n) => window.vitBench.repeatTrace(n), runs);
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map();
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = new Map();
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  let busy = 0;
  for (const [id, ms] of dt) {
    const { callFrame: f } = nodes.get(id);
    if (f.functionName === '(idle)' || f.functionName === '(program)') continue;
    busy += ms;
    const file = f.url.split('/').pop() || '(native)';
    const key = `${f.functionName || '(anonymous)'}  ${file}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + ms);
  }
  const per = (ms) => (ms / runs).toFixed(1);
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`${runs} passes: median ${sorted[Math.floor((runs - 1) / 2)].toFixed(0)} ms, all ${times.map((t) => t.toFixed(0)).join(' ')}`);
  console.log(`page thread busy ${per(busy)} ms per pass (self time, not idle); by function:`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${per(v).padStart(7)}  ${k}`);
} finally {
  await browser.close();
  stop();
}
