import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { decodePng } from '../src/views/figure/pngDecode.testing';
import { waitReady } from './support/page';

/** Where the exported figures and their screenshots are kept to be looked at. */
const OUT = '/tmp/issue-17-figures';

interface SvgFacts {
  error: string | null;
  root: string;
  ns: string | null;
  width: number;
  height: number;
  viewBox: string | null;
  title: string;
  texts: string[];
  images: { x: number; y: number; width: number; height: number; style: string; href: string }[];
  rects: number;
  nested: number;
}

async function download(panel: Locator, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([panel.page().waitForEvent('download'), panel.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

/** Parses the file as XML with the browser's own parser. */
function parseSvg(page: Page, text: string): Promise<SvgFacts> {
  return page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    const root = doc.documentElement;
    const num = (el: Element, name: string) => Number(el.getAttribute(name));
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: root.localName,
      ns: root.namespaceURI,
      width: num(root, 'width'),
      height: num(root, 'height'),
      viewBox: root.getAttribute('viewBox'),
      title: root.querySelector(':scope > title')?.textContent ?? '',
      texts: [...root.querySelectorAll('text')].map((t) => t.textContent ?? ''),
      images: [...root.querySelectorAll('image')].map((i) => ({
        x: num(i, 'x'),
        y: num(i, 'y'),
        width: num(i, 'width'),
        height: num(i, 'height'),
        style: i.getAttribute('style') ?? '',
        href: i.getAttribute('href') ?? '',
      })),
      rects: root.querySelectorAll('rect').length,
      nested: root.querySelectorAll('g > svg').length,
    };
  }, text);
}

/** Exports the panel's SVG, checks it is a well-formed, sized SVG document, and keeps it (and Chromium's rendering of it). */
async function exportSvg(page: Page, panel: Locator, shot: string): Promise<SvgFacts & { name: string }> {
  const file = await download(panel, 'export-svg');
  expect(file.name).toMatch(/^[\p{L}\p{N}._-]+\.svg$/u);
  const svg = await parseSvg(page, file.bytes.toString('utf8'));
  expect(svg.error).toBeNull();
  expect(svg.root).toBe('svg');
  expect(svg.ns).toBe('http://www.w3.org/2000/svg');
  expect(svg.width).toBeGreaterThan(50);
  expect(svg.height).toBeGreaterThan(50);
  expect(svg.viewBox).toBe(`0 0 ${svg.width} ${svg.height}`);
  expect(svg.texts[0]).toBe(svg.title);
  expect(svg.images.length + svg.nested + svg.rects).toBeGreaterThan(1); // something drawn besides the background
  await expect(panel.getByTestId('figure-status')).toHaveText(`Saved ${file.name}.`);
  await mkdir(OUT, { recursive: true });
  const path = `${OUT}/${shot}.svg`;
  await writeFile(path, file.bytes);
  const viewer = await page.context().newPage();
  await viewer.setViewportSize({ width: Math.ceil(svg.width) + 20, height: Math.ceil(svg.height) + 20 });
  await viewer.goto(pathToFileURL(path).href);
  await viewer.screenshot({ path: `${OUT}/${shot}.svg-rendered.png` });
  await viewer.close();
  return { ...svg, name: file.name };
}

test('the attention matrix exports SVG and PNG at 1×, 2×, 4×: titled, sized, and with the pixels the page shows', async ({ page }) => {
  await page.goto('/?model=default&layer=2&head=1');
  await waitReady(page);
  const panel = page.getByTestId('attention-panel');
  const svg = await exportSvg(page, panel, 'attention-matrix');
  expect(svg.name).toMatch(/^default-.+-Attention-weights-L2-H1\.svg$/);
  expect(svg.title).toMatch(/^Attention weights · default · \S+ · layer 2 · head 1 · colour range [-\d.e]+ to [-\d.e]+$/);
  // vector text: the axis labels and the legend's ticks are text in the file, not pixels
  expect(svg.texts).toContain(await panel.locator('.axis-label').first().innerText());
  expect(svg.texts).toContain('attention weight');
  expect(svg.texts.some((t) => /^0\.\d+$/.test(t))).toBe(true);

  // 65 × 65 cells is dense: one embedded PNG at one pixel per cell, enlarged without smoothing, equal to the page's canvas
  const heatmap = page.getByTestId('attention-heatmap');
  const canvas = await heatmap.evaluate((c) => {
    const el = c as HTMLCanvasElement;
    return { width: el.width, height: el.height, data: [...el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data] };
  });
  const dense = svg.images.filter((i) => i.style.includes('pixelated'));
  expect(dense).toHaveLength(1);
  const embedded = decodePng(new Uint8Array(Buffer.from(dense[0]!.href.replace(/^data:image\/png;base64,/, ''), 'base64')));
  expect([embedded.width, embedded.height]).toEqual([65, 65]);
  expect([...embedded.data]).toEqual(canvas.data);
  // the cells fill the canvas's content box, as on the page (its 1px frame is a vector line around them)
  const content = await heatmap.evaluate((c) => [c.clientWidth, c.clientHeight]);
  expect([dense[0]!.width, dense[0]!.height]).toEqual(content);

  for (const scale of [1, 2, 4]) {
    await panel.getByTestId('export-scale').selectOption(String(scale));
    const file = await download(panel, 'export-png');
    expect(file.name).toMatch(new RegExp(`-L2-H1-${scale}x\\.png$`));
    const png = decodePng(new Uint8Array(file.bytes));
    // the figure's size (the SVG's width and height, in CSS px) × the scale
    expect([png.width, png.height]).toEqual([svg.width * scale, svg.height * scale]);
    // each cell's colour in the PNG is the canvas's: sample cells across the map, at their centres
    const { x, y, width, height } = dense[0]!;
    for (const [row, col] of [
      [0, 0],
      [1, 7],
      [32, 32],
      [64, 0],
      [10, 60],
      [64, 64],
    ] as const) {
      const px = Math.floor((x + ((col + 0.5) * width) / 65) * scale);
      const py = Math.floor((y + ((row + 0.5) * height) / 65) * scale);
      const at = (py * png.width + px) * 4;
      const cell = (row * 65 + col) * 4;
      expect([...png.data.slice(at, at + 3)], `cell ${row},${col} at ${scale}×`).toEqual(canvas.data.slice(cell, cell + 3));
    }
    if (scale === 2) await writeFile(`${OUT}/attention-matrix-2x.png`, file.bytes);
  }
});

test('every panel that draws exports its figure: each stage, the query and [CLS] overlays, the overview, the analyses', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?model=default');
  await waitReady(page);
  const stagePanel = page.getByTestId('stage-panel');
  for (const stage of ['patches', 'patch-embedding', 'position', 'norm1', 'qkv', 'scores', 'context', 'attn-out', 'mlp', 'classifier']) {
    await page.getByTestId(`stage-${stage}`).click();
    await expect(stagePanel).toHaveAttribute('data-stage', stage);
    const svg = await exportSvg(page, stagePanel, `stage-${stage}`);
    expect(svg.title).toContain(' · default · ');
    if (['norm1', 'qkv', 'scores', 'context', 'attn-out', 'mlp'].includes(stage)) expect(svg.title).toContain('layer 0');
    if (['qkv', 'scores', 'context'].includes(stage)) expect(svg.title).toContain('head 0');
    if (stage === 'qkv') {
      // Q, K and V of one head are 65 × 16 cells each: small, so vector cells (runs of equal cells merged), no embedded image
      expect(svg.images.filter((i) => i.style.includes('pixelated'))).toHaveLength(0);
      expect(svg.rects).toBeGreaterThan(3 * 65 * 4);
      expect(svg.texts).toEqual(expect.arrayContaining(['Q, head 0', 'K, head 0', 'V, head 0']));
    }
  }

  const section = (testId: string) => page.locator('section', { has: page.getByTestId(testId) });
  const query = await exportSvg(page, section('query-overlay-head'), 'query-overlays');
  expect(query.title).toMatch(/^Where the query token looks · token 0 · \[CLS\] · default · .+ · layer 0 · head 0$/);
  expect(query.images.length).toBeGreaterThanOrEqual(2);
  const cls = await exportSvg(page, section('cls-attention'), 'cls-attention');
  expect(cls.texts).toEqual(expect.arrayContaining(['head 0', 'head 3']));
  const overview = await exportSvg(page, section('overview-grid'), 'overview');
  expect(overview.texts).toEqual(expect.arrayContaining(['h0', 'h3', 'L0', 'L5']));

  await page.getByTestId('analysis-tab-distance').click();
  const analysis = page.getByTestId('analysis-panel');
  await expect(analysis).toHaveAttribute('data-analysis', 'distance');
  await expect(page.getByTestId('distance-chart').locator('circle')).toHaveCount(24);
  const distance = await exportSvg(page, analysis, 'analysis-distance');
  expect(distance.nested).toBeGreaterThanOrEqual(1); // the d3 chart, as vector
  await page.getByTestId('analysis-tab-rollout').click();
  await expect(analysis).toHaveAttribute('data-analysis', 'rollout');
  await exportSvg(page, analysis, 'analysis-rollout');
  await analysis.getByTestId('export-scale').selectOption('1');
  const png = decodePng(new Uint8Array((await download(analysis, 'export-png')).bytes));
  expect(png.width).toBeGreaterThan(100);
});

test('copy link to this view: the address on the clipboard, or in a field to copy by hand when the clipboard is refused', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/?model=default&stage=scores&layer=3&head=2&query=12');
  await waitReady(page);
  const panel = page.getByTestId('attention-panel');
  await panel.getByTestId('copy-link').click();
  await expect(panel.getByTestId('figure-status')).toHaveText('Link to this view copied.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(page.url());
  expect(copied).toMatch(/layer=3/);
  await expect(panel.getByTestId('copy-link-fallback')).toHaveCount(0);

  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
  });
  await panel.getByTestId('copy-link').click();
  const field = panel.getByTestId('copy-link-fallback');
  await expect(field).toHaveValue(page.url());
  await expect(field).toBeFocused();
  expect(await field.evaluate((el) => (el as HTMLInputElement).selectionEnd! - (el as HTMLInputElement).selectionStart!)).toBe(page.url().length);
  await expect(panel.getByTestId('figure-status')).toContainText('clipboard was refused');
  await panel.screenshot({ path: `${OUT}/attention-panel-with-controls.png` });
});
