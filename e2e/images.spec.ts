import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { uploadImage, waitReady, waitState } from './support/page';

const FIXTURES = new URL('./fixtures/images/', import.meta.url);
const fixture = (name: string, mimeType = 'application/octet-stream') => ({
  name,
  mimeType,
  buffer: readFileSync(new URL(name, FIXTURES)),
});

/** The RGBA of the model-input preview at a relative position (0…1). */
async function previewPixel(page: Page, x: number, y: number): Promise<number[]> {
  return page.getByTestId('input-preview').evaluate(
    (c, [fx, fy]) => {
      const canvas = c as HTMLCanvasElement;
      const ctx = canvas.getContext('2d')!;
      return Array.from(ctx.getImageData(Math.floor(fx! * (canvas.width - 1)), Math.floor(fy! * (canvas.height - 1)), 1, 1).data);
    },
    [x, y],
  );
}

/** Picks an image and waits until the page shows it: the status alone may still say ready for the last one. */
async function showImage(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  await uploadImage(page, file);
  await expect(page.getByTestId('pre-original-size')).toContainText(`${file.name}:`, { timeout: 45_000 });
  await waitReady(page);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
});

test('EXIF orientation is honoured: a portrait photo stands upright', async ({ page }) => {
  await uploadImage(page, fixture('exif-rotated.jpg', 'image/jpeg'));
  await waitReady(page);
  await expect(page.getByTestId('pre-original-size')).toContainText('exif-rotated.jpg: 40 × 80');
  const top = await previewPixel(page, 0.5, 0.1);
  const bottom = await previewPixel(page, 0.5, 0.9);
  expect(top[0]).toBeGreaterThan(180); // red above
  expect(bottom[2]).toBeGreaterThan(180); // blue below
});

test('alpha is composited on white; grayscale becomes three equal channels; a GIF uses its first frame; 1 × 1 works', async ({
  page,
}) => {
  await showImage(page, fixture('alpha.png', 'image/png'));
  expect((await previewPixel(page, 0.02, 0.02)).slice(0, 3)).toEqual([255, 255, 255]);
  expect((await previewPixel(page, 0.5, 0.5)).slice(0, 3)).toEqual([0, 0, 0]);

  await showImage(page, fixture('grayscale.png', 'image/png'));
  const [r, g, b] = await previewPixel(page, 0.5, 0.5);
  expect(r).toBe(90);
  expect(g).toBe(90);
  expect(b).toBe(90);

  await showImage(page, fixture('animated.gif', 'image/gif'));
  expect((await previewPixel(page, 0.5, 0.5)).slice(0, 3)).toEqual([255, 0, 0]);

  await showImage(page, fixture('one-pixel.png', 'image/png'));
  await expect(page.getByTestId('pre-original-size')).toContainText('1 × 1');
  expect((await previewPixel(page, 0.5, 0.5)).slice(0, 3)).toEqual([10, 200, 30]);
});

test('an SVG is drawn as an image and its script never runs', async ({ page }) => {
  await uploadImage(page, fixture('scripted.svg', 'image/svg+xml'));
  await waitReady(page);
  expect((await previewPixel(page, 0.5, 0.5)).slice(0, 3)).toEqual([0, 0, 255]);
  expect(await page.evaluate(() => (window as unknown as { __svgScriptRan?: boolean }).__svgScriptRan)).toBeUndefined();
});

test('a large image is scaled down by the browser, and says so', async ({ page }) => {
  await uploadImage(page, fixture('large-6000x3000.png', 'image/png'));
  await waitReady(page);
  await expect(page.getByTestId('pre-original-size')).toContainText('scaled down by the browser from 6000 × 3000 to 4096 × 2048');
});

const BAD: [string, string, RegExp][] = [
  ['notes.png', 'image/png', /notes\.png: it is a text file, not an image/],
  ['truncated.jpg', 'image/jpeg', /truncated\.jpg: the JPEG is truncated/],
  ['truncated.png', 'image/png', /truncated\.png: the PNG is truncated/],
  ['empty.png', 'image/png', /empty\.png: the file is empty \(0 bytes\)/],
  ['photo.tiff', 'image/tiff', /photo\.tiff: it is a TIFF image, which browsers cannot decode/],
  ['paper.pdf', 'application/pdf', /paper\.pdf: it is a PDF document, not an image/],
  ['archive.zip', 'application/zip', /archive\.zip: it is a zip archive/],
  [
    'huge-16000x16000.png',
    'image/png',
    /huge-16000x16000\.png: it is 16000 × 16000 pixels \(256 megapixels\); ViT Lens takes up to 100 megapixels/,
  ],
];

test('every bad file is refused in plain words, and the previous image, model and result stay', async ({ page }) => {
  await page.getByTestId('gallery-car.png').click();
  await expect(page.getByTestId('pre-original-size')).toContainText('car.png');
  await waitReady(page);
  const prediction = await page.getByTestId('prediction').textContent();
  const preview = await page.getByTestId('input-preview').evaluate((c) => (c as HTMLCanvasElement).toDataURL());
  const tensors = await page.evaluate(() => window.__vitlensTensors?.());
  const said: string[] = [];
  for (const [name, type, message] of BAD) {
    await uploadImage(page, fixture(name, type));
    await waitState(page, 'error');
    await expect(page.getByTestId('error-message')).toHaveText(message);
    said.push(`${name}: ${await page.getByTestId('error-message').textContent()}`);
    await expect(page.getByTestId('prediction')).toHaveText(prediction!);
    expect(await page.getByTestId('input-preview').evaluate((c) => (c as HTMLCanvasElement).toDataURL())).toBe(preview);
    await expect(page.getByTestId('pre-original-size')).toContainText('car.png');
  }
  expect(await page.evaluate(() => window.__vitlensTensors?.())).toBe(tensors);
  test.info().annotations.push({ type: 'messages', description: said.join('\n') });
  // and the page still works
  await uploadImage(page, fixture('grayscale.png', 'image/png'));
  await waitReady(page);
  await expect(page.getByTestId('error-message')).toHaveCount(0);
});

test('drag and drop anywhere, with a drop target while dragging', async ({ page }) => {
  const bytes = Array.from(readFileSync(new URL('animated.gif', FIXTURES)));
  const dataTransfer = await page.evaluateHandle((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'dropped.gif', { type: 'image/gif' }));
    return dt;
  }, bytes);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await expect(page.getByTestId('drop-target')).toBeVisible();
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await expect(page.getByTestId('drop-target')).toHaveCount(0);
  await waitReady(page);
  await expect(page.getByTestId('pre-original-size')).toContainText('dropped.gif: 32 × 32');
});

test('paste from the clipboard; a paste without an image says so', async ({ page }) => {
  const bytes = Array.from(readFileSync(new URL('alpha.png', FIXTURES)));
  await page.evaluate((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'image.png', { type: 'image/png' }));
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, bytes);
  await waitReady(page);
  await expect(page.getByTestId('pre-original-size')).toContainText('image.png: 64 × 64');
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData('text/plain', 'just words');
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await waitState(page, 'error');
  await expect(page.getByTestId('error-message')).toContainText('The clipboard holds no image');
});

test('the gallery loads samples, and a picked image makes no network request', async ({ page }) => {
  await expect(page.getByTestId('gallery').getByRole('listitem')).not.toHaveCount(0);
  await page.getByTestId('gallery-fish.png').click();
  await expect(page.getByTestId('pre-original-size')).toContainText('fish.png');
  await waitReady(page);
  await expect(page.getByTestId('pre-original-size')).toContainText('fish.png: 256 × 256');
  const requests: string[] = [];
  page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));
  await uploadImage(page, fixture('exif-rotated.jpg', 'image/jpeg'));
  await waitReady(page);
  expect(requests).toEqual([]);
});
