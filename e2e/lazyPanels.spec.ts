/**
 * Issue 18, goal 1: only panels on or near the screen draw when a new image arrives; the rest draw as
 * they scroll in, and then show exactly what a fresh page shows for that image.
 */
import { expect, test, type Page } from '@playwright/test';
import { overviewPaints, waitReady } from './support/page';

const canvasOf = (page: Page) => page.getByTestId('overview-grid').locator('canvas');
const pixels = (page: Page) => canvasOf(page).evaluate((c) => (c as HTMLCanvasElement).toDataURL());

/** How far below the bottom of the viewport the element's top is (negative: on screen). */
const belowViewport = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((e) => e.getBoundingClientRect().top - window.innerHeight);

async function chooseImage(page: Page, name: string) {
  const before = await page.getByTestId('preprocess-panel').textContent();
  await page.getByTestId(`gallery-${name}`).click();
  await expect(page.getByTestId('preprocess-panel')).not.toHaveText(before ?? '');
  await waitReady(page);
}

test('the overview grid and rollout far below the screen skips a new image and, scrolled in, equals a fresh page', async ({ page, browser }) => {
  await page.setViewportSize({ width: 1280, height: 600 });
  await page.goto('/');
  await waitReady(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  // far: more than the 400 px margin below the viewport
  expect(await belowViewport(page, 'overview-grid')).toBeGreaterThan(450);
  const first = await overviewPaints(page);
  await chooseImage(page, 'car.png');
  await page.waitForTimeout(300);
  expect(await overviewPaints(page), 'no paint while far off screen').toBe(first);

  await page.getByTestId('overview-grid').scrollIntoViewIfNeeded();
  await expect.poll(() => overviewPaints(page)).toBeGreaterThan(first);
  const lazy = await pixels(page);
  await page.getByTestId('rollout-map').scrollIntoViewIfNeeded();
  const rollout = (p: Page) => p.getByTestId('rollout-map').evaluate((c) => (c as HTMLCanvasElement).toDataURL());
  await page.waitForTimeout(300);
  const lazyRollout = await rollout(page);

  const fresh = await browser.newPage({ viewport: { width: 1280, height: 600 } });
  await fresh.goto('/');
  await waitReady(fresh);
  await chooseImage(fresh, 'car.png');
  await fresh.getByTestId('overview-grid').scrollIntoViewIfNeeded();
  await expect.poll(() => overviewPaints(fresh)).toBeGreaterThan(0);
  await expect.poll(() => pixels(fresh)).toBe(lazy);
  await fresh.getByTestId('rollout-map').scrollIntoViewIfNeeded();
  await expect.poll(() => rollout(fresh)).toBe(lazyRollout);
  await fresh.close();
});

test('scrolling away and back does not repaint the same trace', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await page.getByTestId('overview-grid').scrollIntoViewIfNeeded();
  await expect.poll(() => overviewPaints(page)).toBeGreaterThan(0);
  const once = await overviewPaints(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(200);
  await page.getByTestId('overview-grid').scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  expect(await overviewPaints(page)).toBe(once);
});
