// The page path for `npm run bench`: choose a photo → the finished view, on the production page with a
// model already open. Photos of 300–600 px (JPEG, made in the page from the gallery's scenes, with
// grain so they decode like photos) are given to the image input one after another; each is timed
// from the input's change event to the first frame painted after the page shows the new image's
// prediction, whose effects (every panel's drawing) have run. The page's own marks split the time:
// decode + preprocess, the engine's pass (round trip), and the rest (React, drawing).
//   node bench/page-path.mjs [--port=4174] [--path-models=vit-b,default] [--photos=7]   (with the bench build served)
import { readFileSync, readdirSync } from 'node:fs';
import { parseArgs } from './previewServer.mjs';

/** How long a person looks at a view before choosing the next photo, in the paused protocol. */
export const PAUSE_MS = 1500;

/**
 * CPU time (ms) used so far by Chromium's GPU process, from /proc (Linux; null elsewhere). Here it
 * is SwiftShader, software GL: drawing a finished view to the screen costs CPU on the same cores
 * as the engine's pass.
 */
function gpuProcessCpuMs() {
  try {
    let ms = 0;
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      let cmdline;
      try {
        cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      if (!cmdline.includes('--type=gpu-process')) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime, in clock ticks (100 a second on Linux)
      ms += (Number(fields[11]) + Number(fields[12])) * 10;
    }
    return ms;
  } catch {
    return null;
  }
}

/** The page's address for each bench model (built-in presets with those shapes). */
export const PAGE_MODELS = {
  'vit-b': { title: 'ViT-B/16 224 px (random weights)', query: '?model=random-vit-b', raceKey: 'vit-b' },
  default: { title: 'default model (64 px)', query: '', raceKey: 'default' },
};

const SIZES = [
  [600, 450],
  [400, 600],
  [512, 384],
  [320, 480],
  [480, 360],
  [560, 560],
  [300, 400],
];

/** Makes `count` photo-like JPEGs in the page (window.__benchPhotos). */
export function makePhotos(page, count) {
  return page.evaluate(
    async ({ sizes, count }) => {
      const scenes = ['cat.jpg', 'flower.jpg', 'mountain.png', 'boat.png', 'house.png', 'tree.jpg', 'sunset.png'];
      const photos = [];
      for (let i = 0; i < count; i++) {
        const [w, h] = sizes[i % sizes.length];
        const blob = await (await fetch(`/samples/scenes/${scenes[i % scenes.length]}`)).blob();
        const bitmap = await createImageBitmap(blob);
        const canvas = new OffscreenCanvas(w, h);
        const ctx = canvas.getContext('2d');
        ctx.drawImage(bitmap, 0, 0, w, h);
        const pixels = ctx.getImageData(0, 0, w, h);
        let seed = 1234 + i;
        for (let p = 0; p < pixels.data.length; p++) {
          if (p % 4 === 3) continue;
          seed = (seed * 1103515245 + 12345) >>> 0;
          pixels.data[p] += ((seed >>> 16) % 17) - 8;
        }
        ctx.putImageData(pixels, 0, 0);
        const jpeg = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
        photos.push(new File([jpeg], `photo-${i}-${w}x${h}.jpg`, { type: 'image/jpeg' }));
      }
      window.__benchPhotos = photos;
      return photos.map((p) => p.size);
    },
    { sizes: SIZES, count },
  );
}

/** Chooses photo `i` through the image input and resolves with the path's times (ms). */
export function choosePhoto(page, i) {
  return page.evaluate(async (i) => {
    // a name never shown before, so the view of the previous choice cannot pass for this one's
    window.__benchChoices = (window.__benchChoices ?? 0) + 1;
    const photo = window.__benchPhotos[i];
    const file = new File([photo], `${window.__benchChoices}-${photo.name}`, { type: photo.type });
    const input = document.querySelector('[data-testid="image-input"]');
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const shows = () =>
      document.querySelector('[data-testid="status"]')?.getAttribute('data-state') === 'ready' &&
      document.querySelector('[data-testid="preprocess-panel"]')?.textContent?.includes(file.name) &&
      document.querySelector('[data-testid="prediction"]')?.textContent?.trim();
    performance.clearMeasures();
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    const start = performance.now();
    input.dispatchEvent(new Event('change', { bubbles: true }));
    while (!shows()) await frame();
    // the frame after the one that showed it: the commit's effects (the panels' drawing) have run and painted
    await frame();
    const end = await new Promise((r) => setTimeout(() => r(performance.now())));
    const measured = (name) => performance.getEntriesByName(name, 'measure').reduce((s, m) => s + m.duration, 0);
    return { totalMs: end - start, prepareMs: measured('vitlens:prepare'), passMs: measured('vitlens:pass') };
  }, i);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

/** Times the page path on each model in a fresh context; returns one row per model. */
export async function measurePagePath(browser, origin, { models = ['vit-b', 'default'], photos = 7 } = {}) {
  const rows = [];
  for (const key of models) {
    const model = PAGE_MODELS[key];
    process.stderr.write(`page path, choose a photo → finished view, ${model.title}… `);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${origin}/${model.query}`);
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="status"]')?.getAttribute('data-state') === 'ready' &&
          document.querySelector('[data-testid="prediction"]'),
        undefined,
        { timeout: 180_000 },
      );
      const sizes = await makePhotos(page, photos);
      await choosePhoto(page, 0); // warm: the first run on a model also sets up its kernels' memory
      const backend = (await page.getByTestId('backend').getAttribute('data-backend')) ?? '';
      // paused: a person looks at each view before choosing the next, so the GPU process has drawn the
      // last one; back to back (the first protocol): it may still be drawing it during the next pass
      for (const pauseMs of [PAUSE_MS, 0]) {
        const runs = [];
        const gpuBefore = gpuProcessCpuMs();
        for (let i = 0; i < photos; i++) {
          if (pauseMs) await page.waitForTimeout(pauseMs);
          runs.push(await choosePhoto(page, i));
        }
        if (pauseMs) await page.waitForTimeout(pauseMs);
        const gpuAfter = gpuProcessCpuMs();
        const pick = (k) => median(runs.map((r) => r[k]));
        rows.push({
          key,
          model: model.title,
          backend,
          pauseMs,
          totalMs: pick('totalMs'),
          prepareMs: pick('prepareMs'),
          passMs: pick('passMs'),
          restMs: median(runs.map((r) => r.totalMs - r.prepareMs - r.passMs)),
          gpuMsPerPhoto: gpuBefore === null || gpuAfter === null ? null : (gpuAfter - gpuBefore) / photos,
          runs: runs.map((r) => r.totalMs),
          photoKB: sizes.map((s) => s / 1024),
        });
        process.stderr.write(`${pauseMs ? 'paused' : 'back to back'}: median ${pick('totalMs').toFixed(0)} ms; `);
      }
      process.stderr.write('\n');
    } catch (error) {
      rows.push({ key, model: model.title, failed: String(error.message ?? error).split('\n')[0] });
      process.stderr.write('failed\n');
    } finally {
      await context.close();
    }
  }
  return rows;
}

/** `ortMs`: onnxruntime-web's warm bare forward per race key, from the race in the same sitting. */
export function pagePathTable(rows, ortMs = {}) {
  const ms = (x) => `${x.toFixed(0)} ms`;
  return [
    `Page path: choose a photo (JPEG, 300–600 px) → finished view (status ready, prediction and every panel drawn and painted), model already open; median of the photos after one warm-up. Photos chosen ${PAUSE_MS / 1000} s apart (a person looks at each view: the goal's row) and back to back (the next chosen as soon as the last is shown, while the GPU process may still be drawing it). Split by the page\'s marks: decode + preprocess, the engine\'s pass (round trip to its worker, trace moved), and the rest (React, drawing, painting). GPU process: its CPU time a photo (SwiftShader, software GL, on this machine: it draws on the same cores as the pass). Ratio = page path / onnxruntime-web\'s bare forward on the same shape in this run; target ≤ 0.85.`,
    '',
    '| model | backend | choices | page path | decode + preprocess | engine pass | React + drawing | GPU process CPU a photo | onnxruntime-web forward | ratio | target | runs (ms) |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => {
      if (r.failed) return `| ${r.model} | failed: ${r.failed} | | | | | | | | | | |`;
      const ort = ortMs[PAGE_MODELS[r.key].raceKey];
      const ratio = ort ? (r.totalMs / ort).toFixed(2) : '–';
      const choices = r.pauseMs ? `${r.pauseMs / 1000} s apart` : 'back to back';
      const gpu = r.gpuMsPerPhoto === null ? '–' : ms(r.gpuMsPerPhoto);
      return `| ${r.model} | ${r.backend} | ${choices} | ${ms(r.totalMs)} | ${ms(r.prepareMs)} | ${ms(r.passMs)} | ${ms(r.restMs)} | ${gpu} | ${ort ? ms(ort) : 'not raced'} | ${ratio} | ${r.pauseMs ? '≤ 0.85' : '–'} | ${r.runs.map((t) => t.toFixed(0)).join(', ')} |`;
    }),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { chromium } = await import('playwright-core');
  const { CHROMIUM_ARGS, chromiumExecutable } = await import('../scripts/browser.mjs');
  const args = parseArgs(process.argv);
  const browser = await chromium.launch({ executablePath: chromiumExecutable()?.path, args: CHROMIUM_ARGS });
  try {
    const rows = await measurePagePath(browser, `http://127.0.0.1:${args.port ?? '4174'}`, {
      models: (args['path-models'] ?? 'vit-b,default').split(','),
      photos: Number(args.photos ?? 7),
    });
    console.log(pagePathTable(rows));
  } finally {
    await browser.close();
  }
}
