import { expect, test } from '@playwright/test';
import { exportTrace, waitReady } from './support/page';

const CLASSES = /^(cat|dog|car|apple|tree|fish|house|star|sunflower|rocket)$/;

test('opens ready on the default model with a held-out sample already run, its card and the attention on the object', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await expect(page.getByTestId('prediction')).toHaveText(CLASSES);
  await expect(page.getByTestId('model-summary')).toContainText(/held-out accuracy\s*9\d\.\d% on 2000 images never trained on/);
  await expect(page.getByTestId('model-summary')).toContainText('multiply-adds');
  await expect(page.getByTestId('object-share')).toContainText(/\d+\.\d% of the last layer's \(layer 5\) \[CLS\] attention/);
  const npz = await exportTrace(page);
  expect(npz.get('input')!.shape).toEqual([3, 64, 64]);
  expect(npz.get('layer5.attn')!.shape).toEqual([4, 65, 65]);
  expect(npz.get('logits')!.shape).toEqual([10]);
});

test('every held-out sample in the gallery is classified, and most correctly', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await waitReady(page);
  const items = page.locator('[data-testid^="gallery-"][data-testid*="-"]').filter({ has: page.locator('img[data-file^="objects/"]') });
  const count = await items.count();
  expect(count).toBeGreaterThanOrEqual(20);
  let correct = 0;
  for (let i = 0; i < count; i++) {
    const item = items.nth(i);
    const name = (await item.getAttribute('data-testid'))!.replace('gallery-', '');
    await item.click();
    await expect(page.getByTestId('pre-original-size')).toContainText(name);
    await waitReady(page);
    if ((await page.getByTestId('prediction').textContent()) === name.split('-')[0]) correct++;
  }
  expect(correct / count).toBeGreaterThanOrEqual(0.8);
});

test("the seed article's toy ViT: 1024 tokens of width 16, 5 layers, no [CLS], mean pooling", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?model=seed-toy');
  await waitReady(page);
  await expect(page.getByTestId('model-fixes')).toContainText('Attention() without arguments');
  await expect(page.getByTestId('model-summary')).toContainText('none: attention cannot tell where a patch was');
  const npz = await exportTrace(page);
  expect(npz.get('embeddings')!.shape).toEqual([1024, 16]);
  expect([...npz.keys()].filter((k) => k.endsWith('.attn'))).toHaveLength(5);
  expect(npz.get('layer0.attn')!.shape).toEqual([4, 1024, 1024]);
  expect(npz.get('logits')!.shape).toEqual([10]);
  await page.getByTestId('stage-scores').click();
  await expect(page.getByTestId('stage-shapes')).toHaveText('Shapes: Q [4, 1024, 4] · Kᵀ → scores, scaled, attention [4, 1024, 1024]');
});

test("the seed article's attention demo shows its shapes and every step", async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await page.getByTestId('model-select').selectOption('mhsa');
  await expect(page).toHaveURL(/model=mhsa/);
  await waitReady(page);
  await expect(page.getByTestId('demo-shapes')).toContainText('output [4, 16, 96], attention weights [4, 8, 16, 16]');
  await expect(page.getByTestId('stage-shapes')).toContainText('q, k, v [4, 8, 16, 12]');
  const before = await page.getByTestId('attention-heatmap').evaluate((c) => (c as HTMLCanvasElement).toDataURL());
  await page.getByTestId('demo-sample').selectOption('2');
  await waitReady(page);
  await expect.poll(() => page.getByTestId('attention-heatmap').evaluate((c) => (c as HTMLCanvasElement).toDataURL())).not.toBe(before);
  for (const stage of ['scores', 'context', 'attn-out']) {
    await page.getByTestId(`stage-${stage}`).click();
    await expect(page.getByTestId('stage-panel')).toHaveAttribute('data-stage', stage);
  }
  await expect(page.getByTestId('stage-shapes')).toContainText('output [4, 16, 96], attention weights [4, 8, 16, 16]');
});

test("an address naming Object's own keys (?model=constructor, __proto__) opens the default model with a notice, in the page's language", async ({
  page,
}) => {
  for (const id of ['constructor', '__proto__', 'toString']) {
    await page.goto(`/?model=${id}`);
    await waitReady(page);
    await expect(page.getByTestId('error-message')).toHaveText(`?model=${id} is not a model ViT Lens knows; showing the default model.`);
    await expect(page.getByTestId('model-select')).toHaveValue('default');
  }
  await page.goto('/?model=constructor&lang=zh-CN');
  await waitReady(page);
  await expect(page.getByTestId('error-message')).toHaveText('?model=constructor 不是 ViT Lens 认识的模型：现在显示默认模型。');
});
