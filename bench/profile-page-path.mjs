// Where the page path's main-thread time goes outside the engine's pass: a CPU profile (Chrome DevTools
// Protocol) of the page's main thread while photos are chosen on a model, summed by function (self time)
// and by the panel file it is in. The engine runs in its worker, so what is left here is decode marks,
// React and drawing.
//   node bench/profile-page-path.mjs [--port=4176] [--model=vit-b] [--photos=5] [--top=25]   (builds nothing: run after `vite build -c vite.bench.config.ts`)
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumExecutable } from '../scripts/browser.mjs';
import { parseArgs, startPreview } from './previewServer.mjs';
import { PAGE_MODELS, choosePhoto, makePhotos } from './page-path.mjs';

const args = parseArgs(process.argv);
const port = Number(args.port ?? 4176);
const model = PAGE_MODELS[args.model ?? 'vit-b'];
const photos = Number(args.photos ?? 5);
const top = Number(args.top ?? 25);

const stop = await startPreview(port);
const browser = await chromium.launch({ executablePath: chromiumExecutable()?.path, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`http://127.0.0.1:${port}/${model.query}`);
  await page.waitForFunction(
    () => document.querySelector('[data-testid="status"]')?.getAttribute('data-state') === 'ready',
    undefined,
    { timeout: 180_000 },
  );
  await makePhotos(page, photos);
  await choosePhoto(page, 0);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const runs = [];
  for (let i = 0; i < photos; i++) runs.push(await choosePhoto(page, i));
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map();
  const byFile = new Map();
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = new Map();
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  for (const [id, ms] of dt) {
    const { callFrame: f } = nodes.get(id);
    if (f.functionName === '(idle)' || f.functionName === '(program)') continue;
    const file = f.url.split('/').pop() || '(native)';
    const key = `${f.functionName || '(anonymous)'}  ${file}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + ms);
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
  }
  const per = (ms) => (ms / photos).toFixed(1);
  const sum = (k) => runs.reduce((s, r) => s + r[k], 0);
  console.log(`${model.title}, ${photos} photos; per photo: total ${per(sum('totalMs'))} ms, prepare ${per(sum('prepareMs'))}, pass ${per(sum('passMs'))}`);
  console.log(`main thread busy (self time, not idle): ${per([...self.values()].reduce((s, x) => s + x, 0))} ms per photo`);
  console.log('\nby file (ms per photo):');
  for (const [k, v] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${per(v).padStart(7)}  ${k}`);
  console.log('\nby function, self time (ms per photo):');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${per(v).padStart(7)}  ${k}`);
} finally {
  await browser.close();
  stop();
}
