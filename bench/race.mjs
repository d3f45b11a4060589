// The race against onnxruntime-web for `npm run bench`: writes each model's random weights once as a
// Hugging Face checkpoint and as ONNX (bench/make_onnx_checkpoint.py, Debian's python3-torch), serves
// them to the bench page, and lets src/bench/raceOrt.ts time both engines in one page.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MODELS } from './models.mjs';

// the race's names for the bench's shapes (bench/models.mjs); DeiT-Ti is the ViT-Ti shape
const RACE_KEYS = { 'vit-b': 'vit-b', 'deit-ti': 'vit-ti', default: 'default' };
const TITLES = { 'vit-b': 'ViT-B/16 224 px', 'deit-ti': 'DeiT-Ti/16 224 px', default: 'default model shape (64 px)' };

/** make_onnx_checkpoint.py's arguments for one of the bench's models */
function shapeOf(key) {
  const { config: c, numClasses } = MODELS[RACE_KEYS[key]];
  return {
    hidden: c.hidden_size,
    layers: c.num_hidden_layers,
    heads: c.num_attention_heads,
    image: c.image_size,
    patch: c.patch_size,
    classes: numClasses,
  };
}

const CACHE = 'bench/.cache';
const FILES = ['config.json', 'model.safetensors', 'model.onnx', 'torch_logits.json'];

function ensureCheckpoint(key) {
  const dir = join(CACHE, key);
  if (FILES.every((f) => existsSync(join(dir, f)))) return dir;
  const shape = shapeOf(key);
  process.stderr.write(`writing ${key} as safetensors and ONNX (PyTorch)… `);
  const args = Object.entries(shape).flatMap(([k, v]) => [`--${k}`, String(v)]);
  execFileSync('/usr/bin/python3', ['bench/make_onnx_checkpoint.py', ...args, '--out', dir], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.stderr.write('done\n');
  return dir;
}

/** Races every model on one backend in a fresh page of `browser`; returns table rows. */
export async function race(browser, origin, keys, { backend = 'wasm', runs = 10, budgetSeconds = 60 } = {}) {
  const rows = [];
  for (const key of keys) {
    const model = { title: TITLES[key] };
    let dir;
    try {
      dir = ensureCheckpoint(key);
    } catch (error) {
      rows.push({
        model: model.title,
        failed: `no ONNX export (${String(error.message).split('\n')[0]}); needs /usr/bin/python3 with torch`,
      });
      continue;
    }
    // served by the preview server itself (same origin, cross-origin isolated): dist-bench/bench-files → bench/.cache
    mkdirSync('dist-bench', { recursive: true });
    if (!existsSync('dist-bench/bench-files')) symlinkSync(resolve(CACHE), 'dist-bench/bench-files');
    const page = await browser.newPage();
    await page.goto(`${origin}/bench.html`);
    await page.waitForFunction(() => document.getElementById('log')?.textContent === 'ready');
    process.stderr.write(`race ${model.title}… `);
    try {
      const r = await page.evaluate((req) => window.vitBench.raceOrt(req), {
        base: `/bench-files/${key}`,
        backend,
        runs,
        budgetSeconds,
      });
      rows.push({ key, model: model.title, ...r });
      process.stderr.write(
        `ours ${median(r.ours.warmMs).toFixed(0)} ms, onnxruntime-web ${median(r.ort.warmMs).toFixed(0)} ms\n`,
      );
    } catch (error) {
      rows.push({ model: model.title, failed: String(error.message ?? error).split('\n')[0] });
      process.stderr.write('failed\n');
    }
    await page.close();
  }
  return rows;
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

/** onnxruntime-web's warm median per race key ('vit-b', 'deit-ti', 'default'), for the page path's ratio. */
export function ortWarmMs(rows) {
  return Object.fromEntries(rows.filter((r) => !r.failed).map((r) => [r.key, median(r.ort.warmMs)]));
}

export function raceTable(rows, fmt) {
  return [
    'Race on identical weights (ours: forward pass recording the full trace; onnxruntime-web: plain forward pass), warm runs taken in turn (ours, ort, ours, …). Median of warm runs; ratio = ours / onnxruntime-web.',
    '',
    '| model | ViT Lens engine | ours cold | ours warm | onnxruntime-web | ort cold | ort warm | ratio (warm) | max abs Δ logits vs ort / vs PyTorch | same top-1 |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) =>
      r.failed
        ? `| ${r.model} | failed: ${r.failed} | | | | | | | | |`
        : `| ${r.model} | ${r.ours.detail} | ${fmt(r.ours.coldMs)} | ${fmt(median(r.ours.warmMs))} | ${r.ort.detail} | ${fmt(r.ort.coldMs)} | ${fmt(median(r.ort.warmMs))} | ${(median(r.ours.warmMs) / median(r.ort.warmMs)).toFixed(2)} | ${r.maxDiffOrt.toExponential(1)} / ${r.maxDiffTorch.toExponential(1)} | ${r.sameTop1 ? 'yes' : 'NO'} |`,
    ),
  ].join('\n');
}
