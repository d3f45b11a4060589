import { expect, test } from '@playwright/test';
import { waitReady } from './support/page';

/*
 * The page path (issue 18): a chosen image is decoded and preprocessed in the engine's worker, and
 * the result is byte for byte the page's own (decoded pixels, the pixels the model sees, its input).
 */
test('a photo prepared in the engine worker equals the page’s preparation, JPEG and PNG, default model and ViT-B', async ({
  page,
}) => {
  test.setTimeout(120_000);
  for (const address of ['/', '/?model=random-vit-b']) {
    await page.goto(address);
    await waitReady(page);
    await expect(page.getByTestId('backend')).not.toContainText('main thread');
    const results = await page.evaluate(async () => {
      const out = [];
      for (const [type, w, h] of [
        ['image/jpeg', 600, 450],
        ['image/png', 333, 517],
      ] as const) {
        const canvas = new OffscreenCanvas(w, h);
        const ctx = canvas.getContext('2d')!;
        const pixels = ctx.createImageData(w, h);
        for (let i = 0; i < pixels.data.length; i++) pixels.data[i] = i % 4 === 3 ? 255 : (i * 7919) % 251;
        ctx.putImageData(pixels, 0, 0);
        const blob = await canvas.convertToBlob({ type, quality: 0.9 });
        const { page: p, worker: q } = await window.__vitlensPrepareTwice!(new File([blob], `photo.${type.slice(6)}`, { type }));
        const differ = (a: ArrayLike<number>, b: ArrayLike<number>) =>
          a.length !== b.length ? -1 : Array.prototype.filter.call(a, (v: number, i: number) => v !== b[i]).length;
        out.push({
          type,
          sizes: [p.decoded.pixels.width, p.decoded.pixels.height, q.decoded.pixels.width, q.decoded.pixels.height],
          steps: [JSON.stringify([p.steps.resized, p.steps.crop, p.steps.ranges]), JSON.stringify([q.steps.resized, q.steps.crop, q.steps.ranges])],
          inputLength: q.input.length,
          decodedDiffer: differ(p.decoded.pixels.data, q.decoded.pixels.data),
          finalDiffer: differ(p.pixels.data, q.pixels.data),
          inputDiffer: differ(p.input, q.input),
        });
      }
      return out;
    });
    for (const r of results) {
      expect(r.sizes.slice(0, 2), `${address} ${r.type}`).toEqual(r.sizes.slice(2));
      expect(r.steps[0]).toBe(r.steps[1]);
      expect(r.inputLength).toBeGreaterThan(0);
      expect([r.decodedDiffer, r.finalDiffer, r.inputDiffer], `${address} ${r.type}: differing values`).toEqual([0, 0, 0]);
    }
  }
});

test('choosing a photo runs through the worker and shows it, and a file that is no image fails on the page with its reason', async ({
  page,
}) => {
  await page.goto('/');
  await waitReady(page);
  const jpeg = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(480, 360);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#3a7';
    ctx.fillRect(0, 0, 480, 360);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg' });
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  });
  await page.getByTestId('image-input').setInputFiles({ name: 'chosen.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(jpeg) });
  await expect(page.getByTestId('pre-original-size')).toContainText('chosen.jpg: 480 × 360');
  await waitReady(page);
  await page.getByTestId('image-input').setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not an image') });
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'error');
  await expect(page.getByTestId('error-message')).toContainText('notes.jpg: it is a text file, not an image');
});
