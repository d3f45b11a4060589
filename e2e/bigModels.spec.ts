/**
 * Big models are told before they are built: a config whose model cannot fit is refused with its
 * sizes before the weights are read or a tensor made, one that is big but may fit is asked about
 * (ViT-L/16 at 384 px: its 577-token trace), and the previous model keeps working either way.
 */
import { expect, test, type Page } from '@playwright/test';
import { SMALL_SPEC, testCheckpoint, type UploadFile } from './support/checkpoints';
import { unshardedRepo } from './support/hubRepos';
import { TestHub } from './support/hubServer';
import { acceptHubLink, uploadImage, uploadModel, waitReady, waitState } from './support/page';
import { stripesPng } from './support/png';

const small = testCheckpoint(SMALL_SPEC, 'huggingface-vit');
const baseConfig = JSON.parse(small.files.find((f) => f.name === 'config.json')!.buffer.toString()) as Record<string, unknown>;
const weights = small.files.find((f) => f.name === 'model.safetensors')!;

const withConfig = (extra: Record<string, unknown>): UploadFile[] => [
  weights,
  { name: 'config.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...baseConfig, ...extra })) },
];
const hub = new TestHub();
test.beforeAll(async () => {
  const repo = unshardedRepo().repo;
  const config = JSON.parse(repo.revisions.main!['config.json'] as string) as Record<string, unknown>;
  hub.repos.set('test/absurd', {
    revisions: { main: { ...repo.revisions.main!, 'config.json': JSON.stringify({ ...config, image_size: 100000 }) } },
  });
  await hub.start();
});
test.afterAll(() => hub.stop());

const tensors = (page: Page) => page.evaluate(() => window.__vitlensTensors!());
const SIZES =
  /weights need [\d.]+ [kMGTPE]?B \([\d.]+( million| billion| trillion)? parameters\) and one image's trace [\d.]+( × 10\^\d+)? [kMGTPE]?B \(\d+ tokens × \d+ layers × \d+ heads\)/;

test('three absurd configs are refused with their sizes before anything is built; the previous model keeps working', async ({
  page,
}) => {
  await page.goto('/');
  await waitReady(page);
  const prediction = await page.getByTestId('prediction').textContent();
  const summary = await page.getByTestId('model-summary').textContent();
  const before = await tensors(page);
  const absurd: [string, Record<string, unknown>, RegExp][] = [
    ['image_size 100000', { image_size: 100000 }, /15625\d+ tokens × 3 layers/],
    [
      'num_hidden_layers 10000 (ViT-B wide)',
      { num_hidden_layers: 10000, hidden_size: 768, intermediate_size: 3072 },
      /weights need 283\.\d GB .*17 tokens × 10000 layers/,
    ],
    ['hidden_size 1048576', { hidden_size: 1048576 }, /weights need [\d.]+ TB/],
  ];
  for (const [what, extra, detail] of absurd) {
    await test.step(what, async () => {
      await uploadModel(page, withConfig(extra));
      await waitState(page, 'error');
      const message = page.getByTestId('error-message');
      await expect(message).toContainText('This model is too big to run');
      await expect(message).toHaveText(SIZES);
      await expect(message).toHaveText(detail);
      await expect(message).toContainText('The previous model is still loaded.');
      await expect(page.getByTestId('prediction')).toHaveText(prediction!);
      await expect(page.getByTestId('model-summary')).toHaveText(summary!);
      expect(await tensors(page)).toBe(before);
    });
  }
  // and it still runs
  await uploadImage(page, { name: 'stripes.png', mimeType: 'image/png', buffer: stripesPng() });
  await waitReady(page);
  await expect(page.getByTestId('pre-original-size')).toContainText('stripes.png');
  await expect(page.getByTestId('model-summary')).toHaveText(summary!);
});

test('a ViT-L/16-384-shaped config is told its trace size and asked; no keeps the previous model, yes goes on to the weights', async ({
  page,
}) => {
  await page.goto('/');
  await waitReady(page);
  const prediction = await page.getByTestId('prediction').textContent();
  const before = await tensors(page);
  const large = withConfig({
    hidden_size: 1024,
    num_hidden_layers: 24,
    num_attention_heads: 16,
    intermediate_size: 4096,
    image_size: 384,
    patch_size: 16,
  });
  await uploadModel(page, large);
  const question = page.getByTestId('big-model-question');
  await expect(question.getByTestId('big-model-message')).toContainText(
    "one image's trace 2.28 GB (577 tokens × 24 layers × 16 heads)",
  );
  await expect(question.getByTestId('big-model-message')).toContainText('weights need 1.21 GB');
  await question.getByTestId('big-model-decline').click();
  await waitState(page, 'error');
  await expect(page.getByTestId('error-message')).toContainText('You chose not to load the big model');
  await expect(page.getByTestId('prediction')).toHaveText(prediction!);
  expect(await tensors(page)).toBe(before);

  // yes: the load goes on, and these small weights are then found not to match the config
  await uploadModel(page, large);
  await page.getByTestId('big-model-confirm').click();
  await waitState(page, 'error');
  await expect(page.getByTestId('error-message')).toContainText('does not match config.json');
  await expect(page.getByTestId('prediction')).toHaveText(prediction!);
  expect(await tensors(page)).toBe(before);
});

test('from the Hub, an absurd config is refused with its sizes before its weights download', async ({ page }) => {
  await page.goto(`/?hub=${encodeURIComponent(hub.url)}`);
  await acceptHubLink(page, hub.url);
  await waitReady(page);
  const prediction = await page.getByTestId('prediction').textContent();
  await page.getByTestId('hub-panel').locator('summary').click();
  await page.getByTestId('hub-model-id').fill('test/absurd');
  await page.getByTestId('hub-load').click();
  await waitState(page, 'error');
  await expect(page.getByTestId('error-message')).toHaveText(SIZES);
  await expect(page.getByTestId('error-message')).toContainText('156250001 tokens × 3 layers');
  await expect(page.getByTestId('prediction')).toHaveText(prediction!);
  const downloads = hub.requestsFor('test/absurd').filter((r) => r.method === 'GET' && r.range === null);
  expect(downloads.map((r) => r.path)).toEqual(['/test/absurd/resolve/main/config.json']);
  await expect(page.getByTestId('hub-cache-total')).toHaveText('nothing yet');
});
