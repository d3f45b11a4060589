import { expect, test, type Page } from '@playwright/test';
import { waitReady } from './support/page';

const STEPS = ['patches', 'embedding', 'tokens', 'position', 'qkv', 'analogy', 'scores', 'softmax', 'mix', 'heads', 'projection', 'mlp', 'addnorm', 'layers', 'prediction'];

const step = (page: Page) => page.getByTestId('lesson-step');
const readout = (page: Page) => page.getByTestId('lesson-readout');

/** the lesson's own animations running now */
const lessonAnimations = (page: Page) =>
  page.evaluate(() => document.querySelector('[data-testid="lesson"]')?.getAnimations({ subtree: true }).length ?? -1);

/** moves focus off any slider, so the arrow keys walk the lesson */
async function focusText(page: Page) {
  await step(page).locator('h2').click();
}

/** Clicks the image's top-left or bottom-right patch, whichever the shared pick is not on. */
function corners() {
  let atTopLeft = false;
  return async (page: Page) => {
    const image = page.getByTestId('lesson-image');
    const box = (await image.boundingBox())!;
    atTopLeft = !atTopLeft;
    await image.click({ position: atTopLeft ? { x: 3, y: 3 } : { x: box.width - 3, y: box.height - 3 } });
  };
}

const numberAfter = (text: string, word: string) => Number(new RegExp(`${word} (-?[\\d.]+)`).exec(text)?.[1]);

/** Does each step's try-this and checks that it changed what the step says it changes. */
async function tryStep(page: Page, id: string, clickCorner: (page: Page) => Promise<void>, toy: boolean) {
  const before = (await readout(page).count()) > 0 ? await readout(page).first().innerText() : '';
  switch (id) {
    case 'tokens':
      await page.getByTestId('lesson-token-0').click();
      await expect(readout(page)).toContainText(toy ? 'patch 0 (token 0)' : '[CLS]');
      await page.getByTestId('lesson-token-2').click();
      await expect(readout(page)).toContainText('(token 2)');
      return;
    case 'qkv':
      await page.getByTestId('lesson-head-1').click();
      await expect(readout(page)).toContainText('head 1');
      await page.getByTestId('lesson-head-0').click();
      return;
    case 'softmax': {
      const slider = page.getByTestId('lesson-scale');
      await expect(page.getByTestId('lesson-scale-value')).not.toHaveText('1.000');
      await slider.fill('1');
      await expect(readout(page)).toContainText('Scale 1.000');
      const after = await readout(page).innerText();
      expect(numberAfter(after, 'largest weight is')).toBeGreaterThan(numberAfter(before, 'largest weight is'));
      expect(numberAfter(after, 'entropy')).toBeLessThan(numberAfter(before, 'entropy'));
      expect(after).toContain('the sum 1.000');
      return;
    }
    case 'heads':
      await page.getByTestId('lesson-keep-0').click();
      await expect(readout(page)).toContainText('Only head 0 in every layer');
      await expect(readout(page)).toContainText('All heads');
      await expect(page.getByTestId('lesson-why-heads')).toBeVisible();
      return;
    case 'addnorm':
      await page.getByTestId('lesson-layer').fill('2');
      await expect(readout(page)).toContainText('Layer 2');
      // the logit lens, read out after each layer (the readout weights come from the engine)
      await expect(page.getByTestId('lesson-why-context')).toContainText('→');
      return;
    case 'layers':
      await page.getByTestId('lesson-depth').fill('0');
      await expect(readout(page)).toContainText('Up to layer 0');
      await expect(page.getByTestId('lesson-why-layers')).toContainText('first layer');
      return;
    case 'prediction': {
      const second = page.getByTestId('lesson-classes').getByRole('button').nth(1);
      await second.click();
      await expect(second).toHaveClass(/picked/);
      break;
    }
    default:
      await clickCorner(page);
  }
  await expect(readout(page)).not.toHaveText(before);
}

async function walkLesson(page: Page, toy: boolean, shots: (i: number, id: string) => Promise<unknown>) {
  await page.getByTestId('lesson-start').click();
  const clickCorner = corners();
  for (const [i, id] of STEPS.entries()) {
    await expect(step(page)).toHaveAttribute('data-step', String(i + 1));
    await expect(step(page)).toHaveAttribute('data-step-id', id);
    await expect(page).toHaveURL(new RegExp(`lesson=${i + 1}(&|$)`));
    await expect(page.getByTestId('lesson-try')).toBeVisible();
    await tryStep(page, id, clickCorner, toy);
    await shots(i, id);
    await focusText(page);
    await page.keyboard.press('ArrowRight');
  }
  // the last step stays; ← walks back
  await expect(step(page)).toHaveAttribute('data-step', String(STEPS.length));
  await page.keyboard.press('ArrowLeft');
  await expect(step(page)).toHaveAttribute('data-step', String(STEPS.length - 1));
}

test('the lesson walked end to end by keyboard on the default model, every try-this changing what it says', async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/');
  await waitReady(page);
  await walkLesson(page, false, (i, id) => step(page).screenshot({ path: testInfo.outputPath(`lesson-${String(i + 1).padStart(2, '0')}-${id}.png`) }));
  // the explainer underneath kept its stage: the lesson took the arrow keys
  await expect(page.getByTestId('stage-panel')).toHaveAttribute('data-stage', 'patches');
  await page.getByTestId('lesson-exit').click();
  await expect(page.getByTestId('lesson')).toHaveCount(0);
  await expect(page).not.toHaveURL(/lesson=/);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('stage-panel')).toHaveAttribute('data-stage', 'patch-embedding');
});

test('the lesson walked end to end on the seed article’s toy ViT (no [CLS], no position embeddings, 1024 tokens)', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.goto('/?model=seed-toy');
  await waitReady(page);
  await walkLesson(page, true, async (i, id) => {
    if (id === 'tokens' || id === 'position' || id === 'scores') await step(page).screenshot({ path: testInfo.outputPath(`toy-${String(i + 1).padStart(2, '0')}-${id}.png`) });
  });
});

test('animations run for at most 1.5 s, can be skipped, and none runs under prefers-reduced-motion', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?lesson=1');
  await waitReady(page);
  await expect(step(page)).toHaveAttribute('data-step', '1');
  expect(await lessonAnimations(page)).toBeGreaterThan(0);
  const longest = await page.evaluate(() =>
    Math.max(
      ...document
        .querySelector('[data-testid="lesson"]')!
        .getAnimations({ subtree: true })
        .map((a) => {
          const t = a.effect!.getTiming();
          return Number(t.delay ?? 0) + Number(t.duration);
        }),
    ),
  );
  expect(longest).toBeLessThanOrEqual(1500);
  await page.getByTestId('lesson-skip').click();
  await expect.poll(() => lessonAnimations(page)).toBe(0);
  await expect(page.getByTestId('lesson-replay')).toBeVisible();

  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/?lesson=1');
  await waitReady(page);
  for (const [i] of STEPS.entries()) {
    await expect(step(page)).toHaveAttribute('data-step', String(i + 1));
    expect(await lessonAnimations(page), `step ${i + 1}`).toBe(0);
    await expect(page.getByTestId('lesson-skip')).toHaveCount(0);
    await page.keyboard.press('ArrowRight');
  }
});

test('presenter mode at 1280 × 720: one panel filling the screen, no scroll, space and arrows walk it, the pointer readout large', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/?lesson=1&present=1');
  await waitReady(page);
  const lesson = page.getByTestId('lesson');
  await expect(page.getByTestId('present-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(lesson).toHaveClass(/lesson-present/);
  for (const [i, id] of STEPS.entries()) {
    await expect(step(page)).toHaveAttribute('data-step', String(i + 1));
    if (id === 'heads' || id === 'addnorm') await page.waitForTimeout(300);
    const fit = await lesson.evaluate((el) => ({
      box: el.getBoundingClientRect().toJSON() as DOMRect,
      scroll: el.scrollHeight - el.clientHeight,
      scrollX: el.scrollWidth - el.clientWidth,
    }));
    expect.soft(fit.box.width, id).toBe(1280);
    expect.soft(fit.box.height, id).toBe(720);
    expect.soft(fit.scroll, `${id} scrolls vertically`).toBeLessThanOrEqual(0);
    expect.soft(fit.scrollX, `${id} scrolls sideways`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: testInfo.outputPath(`present-${String(i + 1).padStart(2, '0')}-${id}.png`) });
    await page.keyboard.press(i % 2 === 0 ? ' ' : 'ArrowRight');
  }
  await page.keyboard.press('ArrowLeft');
  await expect(step(page)).toHaveAttribute('data-step', String(STEPS.length - 1));
  // the pointer's cell, large
  await page.goto('/?lesson=1&present=1');
  await waitReady(page);
  await page.getByTestId('lesson-image').hover({ position: { x: 4, y: 4 } });
  await expect(page.getByTestId('lesson-pointer')).toContainText('patch 0');
  const fontSize = await page.getByTestId('lesson-pointer').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(fontSize).toBeGreaterThanOrEqual(24);
  await page.keyboard.press('Escape');
  await expect(lesson).not.toHaveClass(/lesson-present/);
  await expect(page).not.toHaveURL(/present=1/);
});

test('the address opens a step and ignores what is not one', async ({ page }) => {
  await page.goto('/?lesson=4');
  await waitReady(page);
  await expect(step(page)).toHaveAttribute('data-step', '4');
  await page.getByTestId('lesson-next').click();
  await expect(page).toHaveURL(/lesson=5/);
  await page.reload();
  await waitReady(page);
  await expect(step(page)).toHaveAttribute('data-step', '5');
  // another model keeps the lesson's step (and the colours); the view's selection starts over
  await page.goto('/?lesson=5&palette=magma&layer=1');
  await waitReady(page);
  await page.getByTestId('model-select').selectOption('seed-toy');
  await expect(page).toHaveURL(/model=seed-toy/);
  await waitReady(page);
  await expect(step(page)).toHaveAttribute('data-step', '5');
  expect(new URL(page.url()).searchParams.get('palette')).toBe('magma');
  expect(new URL(page.url()).searchParams.get('layer')).not.toBe('1');
  await page.goto('/?lesson=%3Cscript%3E');
  await waitReady(page);
  await expect(page.getByTestId('lesson')).toHaveCount(0);
  await expect(page.getByTestId('lesson-start')).toBeVisible();
});
