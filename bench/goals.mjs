// Issue 18's goals in one table for `npm run bench` (skip with --no-goals): each measured row beside
// its target. Goals 1 and 2 come from the page path and the race run before it; goals 3 and 4 from
// the analyses bench on ViT-B (the class map and the deletion/insertion curves only); goal 5 (big
// models) runs in Node: `npm run bench:big`.
import { MODELS } from './models.mjs';
import { median } from './race.mjs';

/** The class map and curves rows of the analyses bench on ViT-B/16 (wasm). */
export async function measureGoalAnalyses(browser, origin) {
  const model = MODELS['vit-b'];
  const page = await browser.newPage();
  try {
    await page.goto(`${origin}/bench.html`);
    await page.waitForFunction(() => document.getElementById('log')?.textContent === 'ready');
    process.stderr.write(`goals: class map and curves, ${model.title}… `);
    const r = await page.evaluate((req) => window.vitBench.analyses(req), {
      config: model.config,
      numClasses: model.numClasses,
      backend: 'wasm',
      fullCurves: false,
      steps: 16,
      goalsOnly: true,
    });
    process.stderr.write('done\n');
    return r.timings;
  } catch (error) {
    process.stderr.write('failed\n');
    return { failed: String(error.message ?? error).split('\n')[0] };
  } finally {
    await page.close();
  }
}

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);

export function goalsTable({ raceRows = [], pathRows = [], analyses = null }) {
  const row = (goal, measured, target, met) => `| ${goal} | ${measured} | ${target} | ${met === null ? '–' : met ? 'yes' : 'no'} |`;
  const race = raceRows.find((r) => r.key === 'vit-b' && !r.failed);
  const ortMs = race ? median(race.ort.warmMs) : null;
  const path = pathRows.find((r) => r.key === 'vit-b' && r.pauseMs && !r.failed);
  const lines = [
    "Issue 18's goals on this machine, in this run (ViT-B/16 224 px, wasm, random weights):",
    '',
    '| goal | measured | target | met |',
    '|---|---|---|---|',
  ];
  if (path && ortMs) {
    const ratio = path.totalMs / ortMs;
    lines.push(row('1. page: photo → finished view / onnxruntime-web forward', `${ratio.toFixed(2)} (${fmt(path.totalMs)} / ${fmt(ortMs)}, photos ${path.pauseMs / 1000} s apart)`, '≤ 0.85', ratio <= 0.85));
  } else lines.push(row('1. page: photo → finished view', 'not run (needs the race and the page path on vit-b)', '≤ 0.85', null));
  if (race) {
    const ours = median(race.ours.warmMs);
    const ratio = ours / ortMs;
    lines.push(row('2. full trace / onnxruntime-web forward', `${ratio.toFixed(2)} (${fmt(ours)} / ${fmt(ortMs)})`, '≤ 0.60', ratio <= 0.6));
  } else lines.push(row('2. full trace / onnxruntime-web forward', 'not run (--race-models without vit-b?)', '≤ 0.60', null));
  if (analyses && !analyses.failed) {
    const get = (name) => analyses.find((t) => t.name === name)?.ms;
    const [classMap, forward, curves] = [get('7. class-specific map'), get('7. class map: the forward pass'), get('10. deletion/insertion curves')];
    lines.push(row('3. class map / forward pass', `${(classMap / forward).toFixed(2)}× (${fmt(classMap)} / ${fmt(forward)})`, '≤ 3×', classMap / forward <= 3));
    lines.push(row('4. deletion/insertion curves, 16 steps', `${fmt(curves)} (one call's images timed, × the distinct images, + the class map)`, '≤ 30 s', curves <= 30_000));
  } else lines.push(row('3, 4. class map, curves', analyses?.failed ? `failed: ${analyses.failed}` : 'not run (--no-goals)', '≤ 3×, ≤ 30 s', null));
  lines.push(row('5. ViT-L/16-384 and ViT-H/14', '`npm run bench:big` (Node, minutes; README, big models)', 'fit', null));
  return lines.join('\n');
}
