import { expect, test, type Page } from '@playwright/test';
import { waitReady } from './support/page';

const STAGES = ['patches', 'patch-embedding', 'position', 'norm1', 'qkv', 'scores', 'context', 'attn-out', 'mlp', 'classifier'];

async function canvasPixels(page: Page, testId: string): Promise<string> {
  return page.getByTestId(testId).evaluate((c) => (c as HTMLCanvasElement).toDataURL());
}

test('walks every stage of the default model, each with its explanation, formula and shapes', async ({ page }, testInfo) => {
  await page.goto('/');
  await waitReady(page);
  for (const [i, stage] of STAGES.entries()) {
    await page.getByTestId(`stage-${stage}`).click();
    const panel = page.getByTestId('stage-panel');
    await expect(panel).toHaveAttribute('data-stage', stage);
    await expect(panel.locator('.katex').first()).toBeVisible();
    await expect(page.getByTestId('stage-shapes')).toContainText('[');
    await panel.screenshot({ path: testInfo.outputPath(`stage-${String(i + 1).padStart(2, '0')}-${stage}.png`) });
  }
  // the default model's sizes appear as they are: T = 65 tokens, D = 64, h = 4, d = 16
  await page.getByTestId('stage-scores').click();
  await expect(page.getByTestId('stage-shapes')).toHaveText('Shapes: Q [4, 65, 16] · Kᵀ → scores, scaled, attention [4, 65, 65]');
  await page.getByTestId('stage-mlp').click();
  await expect(page.getByTestId('stage-shapes')).toHaveText('Shapes: [65, 64] → hidden [65, 256] → out [65, 64]');
});

test('keyboard: ←/→ stage, ↑/↓ layer, [/] head, and the URL follows', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await expect(page.getByTestId('key-help')).toContainText('stage');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('stage-panel')).toHaveAttribute('data-stage', 'scores');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press(']');
  await expect(page.getByTestId('stage-panel')).toContainText('layer 2 · head 1');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('stage-panel')).toHaveAttribute('data-stage', 'qkv');
  await page.keyboard.press('[');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('stage-panel')).toContainText('layer 1 · head 0');
  await expect(page).toHaveURL(/stage=qkv/);
  await expect(page).toHaveURL(/layer=1/);
  await expect(page).toHaveURL(/model=default/);
});

test('a copied link reopens the same stage, layer, head and query', async ({ page }) => {
  await page.goto('/?model=default&stage=qkv&layer=3&head=2&query=12');
  await waitReady(page);
  const panel = page.getByTestId('stage-panel');
  await expect(panel).toHaveAttribute('data-stage', 'qkv');
  await expect(panel).toContainText('layer 3 · head 2');
  await expect(panel).toContainText('token 12 · patch 11 (row 1, col 3)');
  await page.reload();
  await waitReady(page);
  await expect(page.getByTestId('stage-panel')).toContainText('layer 3 · head 2');
  await expect(page).toHaveURL(/query=12/);
});

test('clicking a patch makes it the query and changes the overlay', async ({ page }) => {
  await page.goto('/?stage=patches');
  await waitReady(page);
  const before = await canvasPixels(page, 'query-overlay-head');
  const grid = page.getByTestId('patch-grid');
  const box = (await grid.boundingBox())!;
  // patch at row 6, column 2 of the 8 × 8 grid: token 6·8 + 2 + 1 = 51
  await grid.click({ position: { x: (2.5 / 8) * box.width, y: (6.5 / 8) * box.height } });
  await expect(page.getByTestId('query-token')).toHaveText('token 51 · patch 50 (row 6, col 2)');
  await expect.poll(() => canvasPixels(page, 'query-overlay-head')).not.toBe(before);
  await expect(page).toHaveURL(/query=51/);
  // and from the overlay itself
  const overlay = page.getByTestId('query-overlay-mean');
  const obox = (await overlay.boundingBox())!;
  await overlay.click({ position: { x: (7.5 / 8) * obox.width, y: (0.5 / 8) * obox.height } });
  await expect(page.getByTestId('query-token')).toHaveText('token 8 · patch 7 (row 0, col 7)');
});

test('the scaling what-if: a larger factor sharpens the row, and says the later layers are not re-run', async ({ page }) => {
  await page.goto('/?stage=scores&layer=1&head=0&query=0');
  await waitReady(page);
  const effect = page.getByTestId('scale-effect');
  const bits = async () => Number(/Entropy of this row: ([\d.]+) bits/.exec((await effect.textContent())!)![1]);
  const standard = await bits();
  const slider = page.getByTestId('scale-slider');
  await slider.fill('3');
  await expect(effect).toContainText('later layers are not re-run');
  const sharp = await bits();
  await slider.fill('-4');
  const flat = await bits();
  expect(sharp).toBeLessThan(standard);
  expect(flat).toBeGreaterThan(standard);
  expect(flat).toBeLessThanOrEqual(Math.log2(65) + 1e-6);
});

test('attention matrix: hover reads a cell, click locks it, log scale and colour scope switch', async ({ page }) => {
  await page.goto('/?stage=scores');
  await waitReady(page);
  const map = page.getByTestId('attention-heatmap');
  const box = (await map.boundingBox())!;
  await map.hover({ position: { x: box.width * (10.5 / 65), y: box.height * (3.5 / 65) } });
  await expect(page.getByTestId('attention-readout')).toContainText('query token 3 · patch 2 (row 0, col 2)');
  await expect(page.getByTestId('attention-readout')).toContainText('key token 10 · patch 9 (row 1, col 1)');
  await map.click({ position: { x: box.width * (10.5 / 65), y: box.height * (3.5 / 65) } });
  await page.mouse.move(0, 0);
  await expect(page.getByTestId('attention-readout')).toContainText('(locked)');
  const linear = await canvasPixels(page, 'attention-heatmap');
  await page.getByTestId('color-scale').selectOption('log');
  await expect.poll(() => canvasPixels(page, 'attention-heatmap')).not.toBe(linear);
  await page.getByTestId('color-scope').selectOption('model');
  await expect(page).toHaveURL(/scope=model/);
  await expect(page).toHaveURL(/scale=log/);
});

test('a ViT-B-sized model: the 12 × 12 overview opens a head in the detail views', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto('/?model=random-vit-b&stage=scores');
  await waitReady(page);
  await expect(page.getByTestId('overview-grid').locator('button')).toHaveCount(144);
  await page.getByTestId('overview-7-11').click();
  await expect(page.getByTestId('stage-panel')).toContainText('layer 7 · head 11');
  await expect(page.getByTestId('stage-shapes')).toHaveText(
    'Shapes: Q [12, 197, 64] · Kᵀ → scores, scaled, attention [12, 197, 197]',
  );
  await page.screenshot({ path: testInfo.outputPath('vit-b-overview.png'), fullPage: true });
});
