// How ViT Lens's wasm kernels scale from 1 thread to all on ViT-B/16's shapes (src/bench/threadScaling.ts),
// beside the race's ratio and its target (issue 18: ViT-B/16 full trace ≤ 0.60× onnxruntime-web's bare forward).
// Part of `npm run bench` (skip with --no-threads); alone, after a bench build (`vite build -c vite.bench.config.ts`):
//   node bench/thread-scaling.mjs [--rounds=7] [--repeats=5] [--race] [--race-runs=10] [--port=4176]
import { median } from './race.mjs';

/** A single thread's peak with 128-bit SIMD and fused multiply-add on this machine, measured (10 independent FMA chains; issue 18 estimated 37). */
export const SIMD_PEAK_GFLOPS = 57;
export const RACE_TARGET = 0.6;

export async function measureThreadScaling(browser, url, { rounds = 7, repeats = 5 } = {}) {
  process.stderr.write('thread scaling on ViT-B shapes… ');
  const page = await browser.newPage();
  try {
    await page.goto(`${url}/bench.html`);
    await page.waitForFunction(() => document.getElementById('log')?.textContent === 'ready');
    const result = await page.evaluate((req) => window.vitBench.threadScaling(req), { rounds, repeats });
    const dense = denseTotals(result.rows);
    process.stderr.write(`dense ${(dense.oneMs / dense.allMs).toFixed(2)}× on ${result.threads} threads\n`);
    return result;
  } catch (error) {
    process.stderr.write('failed\n');
    return { failed: String(error.message ?? error).split('\n')[0] };
  } finally {
    await page.close();
  }
}

/** the four dense layers of a block together */
function denseTotals(rows) {
  const dense = rows.filter((r) => r.op.includes('dense'));
  const sum = (f) => dense.reduce((s, r) => s + f(r), 0);
  return {
    op: 'the four dense layers of a block',
    gflop: sum((r) => r.gflop),
    oneMs: sum((r) => r.oneMs),
    allMs: sum((r) => r.allMs),
    oneBestMs: sum((r) => r.oneBestMs),
    allBestMs: sum((r) => r.allBestMs),
  };
}

const gflops = (gflop, ms) => (gflop > 0 ? (gflop / (ms / 1000)).toFixed(1) : '–');

/** Markdown; `raceRows` (bench/race.mjs) add the ViT-B race ratio beside its target. */
export function threadScalingTable(result, raceRows = []) {
  if (result.failed) return `Thread scaling: failed: ${result.failed}`;
  const n = result.threads;
  const lines = [
    `ViT Lens kernels on ViT-B/16 shapes (197 tokens, D 768), 1 thread vs ${n}, alternating rounds, medians (${result.detail}). ` +
      `A thread's SIMD peak ≈ ${SIMD_PEAK_GFLOPS} GFLOP/s.`,
    '',
    `| operation | GFLOP | 1 thread | GFLOP/s | ${n} threads | GFLOP/s | speed-up | fastest rounds: 1 thread, ${n} threads, speed-up |`,
    '|---|---|---|---|---|---|---|---|',
    ...[...result.rows, denseTotals(result.rows)].map(
      (r) =>
        `| ${r.op} | ${r.gflop ? r.gflop.toFixed(3) : '–'} | ${r.oneMs.toFixed(2)} ms | ${gflops(r.gflop, r.oneMs)} | ${r.allMs.toFixed(2)} ms | ${gflops(r.gflop, r.allMs)} | ${(r.oneMs / r.allMs).toFixed(2)}× | ` +
        `${r.oneBestMs.toFixed(2)} ms, ${r.allBestMs.toFixed(2)} ms, ${(r.oneBestMs / r.allBestMs).toFixed(2)}× |`,
    ),
  ];
  const vitB = raceRows.find((r) => r.key === 'vit-b' && !r.failed);
  if (vitB) {
    const ratio = median(vitB.ours.warmMs) / median(vitB.ort.warmMs);
    // each warm run of ours over the onnxruntime-web run right after it: steadier on a busy machine
    const paired = median(vitB.ours.warmMs.map((ms, i) => ms / vitB.ort.warmMs[i]).filter((r) => Number.isFinite(r)));
    lines.push(
      '',
      `ViT-B/16 race: full trace ${median(vitB.ours.warmMs).toFixed(0)} ms vs onnxruntime-web ${median(vitB.ort.warmMs).toFixed(0)} ms: ` +
        `${ratio.toFixed(3)}× (target ≤ ${RACE_TARGET.toFixed(2)}×: ${ratio <= RACE_TARGET ? 'met' : 'not met'}; run by run ${paired.toFixed(3)}×); ` +
        `logits max |Δ| vs onnxruntime-web ${vitB.maxDiffOrt.toExponential(1)}, vs PyTorch ${vitB.maxDiffTorch.toExponential(1)}, ` +
        `same top-1: ${vitB.sameTop1 ? 'yes' : 'NO'}.`,
    );
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { chromium } = await import('playwright-core');
  const { CHROMIUM_ARGS, chromiumExecutable } = await import('../scripts/browser.mjs');
  const { parseArgs, startPreview } = await import('./previewServer.mjs');
  const { race } = await import('./race.mjs');
  const args = parseArgs(process.argv);
  const port = Number(args.port ?? 4176);
  const stop = await startPreview(port);
  const browser = await chromium.launch({ executablePath: chromiumExecutable()?.path, args: CHROMIUM_ARGS });
  try {
    const url = `http://127.0.0.1:${port}`;
    const result = await measureThreadScaling(browser, url, { rounds: Number(args.rounds ?? 7), repeats: Number(args.repeats ?? 5) });
    const raceRows = args.race ? await race(browser, url, ['vit-b'], { runs: Number(args['race-runs'] ?? 10) }) : [];
    console.log(threadScalingTable(result, raceRows));
  } finally {
    await browser.close();
    stop();
  }
}
