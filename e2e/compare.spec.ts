import { readFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { waitReady } from './support/page';

const SHOTS = '/tmp/issue-17-compare';
mkdirSync(SHOTS, { recursive: true });

const pixels = (page: Page, testId: string) => page.getByTestId(testId).evaluate((c) => (c as HTMLCanvasElement).toDataURL());

/** How many different colours a canvas holds: a drawn difference map has more than one. */
const colours = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((c) => {
    const canvas = c as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 4) seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return seen.size;
  });

const compareParam = (page: Page) => new URL(page.url()).searchParams.get('compare');

async function waitB(page: Page) {
  await expect(page.getByTestId('compare-status')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
}

test('two gallery images on the default model: both sides follow the layer, head and query; B − A drawn', async ({ page }) => {
  await page.goto('/?stage=scores');
  await waitReady(page);
  await page.getByTestId('compare-toggle').click();
  await expect(page.getByTestId('compare-panel')).toBeVisible();
  await page.getByTestId('compare-image').selectOption('dog-8.png');
  await waitB(page);
  const a = page.getByTestId('compare-a-label');
  const b = page.getByTestId('compare-b-label');
  await expect(a).toContainText('cat-14.png');
  await expect(b).toContainText('dog-8.png');
  await expect(a).toContainText('layer 0 · head 0');
  await expect(b).toContainText('layer 0 · head 0');
  await expect(page.getByTestId('compare-row-stage')).toContainText('layers[0].attn[0] [65, 65]');
  expect(await colours(page, 'compare-diff-stage')).toBeGreaterThan(10);
  await expect(page.getByTestId('compare-diff-legend-stage')).toBeVisible();

  const bStage = await pixels(page, 'compare-b-stage');
  const bAttn = await pixels(page, 'compare-b-attn');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press(']');
  await expect(page.getByTestId('stage-panel')).toContainText('layer 2 · head 1');
  await expect(a).toContainText('layer 2 · head 1');
  await expect(b).toContainText('layer 2 · head 1');
  await expect(page.getByTestId('compare-row-stage')).toContainText('layers[2].attn[1] [65, 65]');
  await expect.poll(() => pixels(page, 'compare-b-stage')).not.toBe(bStage);
  await expect.poll(() => pixels(page, 'compare-b-attn')).not.toBe(bAttn);

  // a patch clicked on B's map becomes the query of both (and of the explainer)
  const grid = page.getByTestId('compare-b-attn');
  const box = (await grid.boundingBox())!;
  const before = await pixels(page, 'compare-a-attn');
  await grid.click({ position: { x: (2.5 / 8) * box.width, y: (6.5 / 8) * box.height } });
  await expect(page.getByTestId('compare-row-attn')).toContainText('token 51 · patch 50 (row 6, col 2)');
  await expect.poll(() => pixels(page, 'compare-a-attn')).not.toBe(before);
  await expect(page).toHaveURL(/query=51/);
  expect(compareParam(page)).toBe('image:dog-8.png');
  await page.getByTestId('compare-panel').screenshot({ path: `${SHOTS}/compare-images.png` });

  // the address round-trips: a reload opens the same comparison at the same place
  await page.reload();
  await waitReady(page);
  await waitB(page);
  await expect(page.getByTestId('compare-b-label')).toContainText('dog-8.png');
  await expect(page.getByTestId('compare-b-label')).toContainText('layer 2 · head 1');
  await expect(page.getByTestId('compare-image')).toHaveValue('dog-8.png');

  // the comparison exports as a figure like every other panel
  const compare = page.getByTestId('compare-panel');
  const [svg] = await Promise.all([page.waitForEvent('download'), compare.getByTestId('export-svg').click()]);
  expect(svg.suggestedFilename()).toMatch(/\.svg$/);
  const text = (await readFile(await svg.path())).toString('utf8');
  expect(text).toMatch(/^<\?xml|^<svg/);
  expect(text).toContain('viewBox=');
  expect(text).toContain('<title>');

  // off takes B out of the address
  await page.getByTestId('compare-toggle').click();
  await expect(page.getByTestId('compare-panel')).toHaveCount(0);
  await expect.poll(() => compareParam(page)).toBeNull();
});

test('the default model against random weights of the same shape; other token layouts are disabled with the reason', async ({
  page,
}) => {
  await page.goto('/?stage=mlp&layer=5&compare=model:random-default');
  await waitReady(page);
  await waitB(page);
  await expect(page.getByTestId('compare-model')).toHaveValue('random-default');
  await expect(page.getByTestId('compare-b-label')).toContainText("Random weights, the default model's shape");
  await expect(page.getByTestId('compare-b-label')).toContainText('cat-14.png');
  await expect(page.getByTestId('compare-row-stage')).toContainText('layers[5].out [65, 64]');
  expect(await colours(page, 'compare-diff-stage')).toBeGreaterThan(10);
  expect(await colours(page, 'compare-diff-attn')).toBeGreaterThan(5);
  const vitB = page.getByTestId('compare-model').locator('option[value="random-vit-b"]');
  await expect(vitB).toHaveAttribute('disabled', '');
  await expect(vitB).toContainText('grid 14 × 14 ≠ 8 × 8');
  await expect(page.getByTestId('compare-model').locator('option[value="default"]')).toHaveAttribute('disabled', '');
  await expect(page.getByTestId('compare-model-why')).toContainText('disabled');
  await page.getByTestId('compare-panel').screenshot({ path: `${SHOTS}/compare-models.png` });
});

test('an unknown or mismatched ?compare= is ignored with a notice', async ({ page }) => {
  for (const bad of ['image:nope.png', 'model:random-vit-b', 'image:../../etc/passwd']) {
    await page.goto(`/?compare=${encodeURIComponent(bad)}`);
    await waitReady(page);
    await expect(page.getByTestId('compare-notice')).toContainText('ignored');
    await expect(page.getByTestId('compare-status')).toHaveAttribute('data-state', 'off');
    await expect.poll(() => compareParam(page)).toBeNull();
  }
});

test('your own image as B: it stays out of the address, and the page says so beside the link', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await page.getByTestId('compare-toggle').click();
  await page.getByTestId('compare-file').setInputFiles('public/samples/objects/rocket-1.png');
  await waitB(page);
  await expect(page.getByTestId('compare-b-label')).toContainText('rocket-1.png');
  await expect(page.getByTestId('compare-link-note')).toBeVisible();
  await expect(page.getByTestId('compare-copy-link')).toBeVisible();
  expect(compareParam(page)).toBeNull();
});

test('no tensor is left after turning compare on and off five times (B on another model each time)', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  const count = () => page.evaluate(() => window.__vitlensTensors!());
  const before = await count();
  for (let i = 0; i < 5; i++) {
    await page.getByTestId('compare-toggle').click();
    await page.getByTestId('compare-model').selectOption('random-default');
    await waitB(page);
    if (i === 0) expect(await count()).toBeGreaterThan(before); // B's weights are held while B is shown
    await page.getByTestId('compare-toggle').click();
    await expect(page.getByTestId('compare-panel')).toHaveCount(0);
  }
  await expect.poll(count).toBe(before);
});

test('on a phone A is stacked over B over B − A, without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?stage=scores&compare=image:dog-8.png');
  await waitReady(page);
  await waitB(page);
  const top = async (id: string) => (await page.getByTestId(id).boundingBox())!.y;
  expect(await top('compare-b-stage')).toBeGreaterThan(await top('compare-a-stage'));
  expect(await top('compare-diff-stage')).toBeGreaterThan(await top('compare-b-stage'));
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.getByTestId('compare-panel').screenshot({ path: `${SHOTS}/compare-phone.png` });
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe, ${theme} theme: the comparison has no serious or critical violation`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('/?stage=scores&compare=image:dog-8.png');
    await waitReady(page);
    await waitB(page);
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .include('[data-testid=compare-panel]')
      .include('[data-testid=compare-toggle]')
      .analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.getByTestId('compare-panel').screenshot({ path: `${SHOTS}/compare-${theme}.png` });
  });
}

test('in Chinese: the comparison speaks the chosen language', async ({ page }) => {
  await page.goto('/?lang=zh-CN&stage=scores&compare=model:random-default');
  await waitReady(page);
  await waitB(page);
  await expect(page.getByTestId('compare-toggle')).toHaveText('对比两次运行');
  await expect(page.getByTestId('compare-panel')).toContainText('两次运行并排对比');
  await expect(page.getByTestId('compare-b-label')).toContainText('随机权重，默认模型的结构');
  await expect(page.getByTestId('compare-a-label')).toContainText('第 0 层');
  await page.getByTestId('compare-panel').screenshot({ path: `${SHOTS}/compare-zh.png` });
});
