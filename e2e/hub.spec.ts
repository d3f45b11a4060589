/**
 * Loading from the Hub, end to end, against a stand-in hub on 127.0.0.1 (support/hubServer.ts)
 * that serves generated checkpoints in the Hub's URL layout. Nothing here reaches the real Hub.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { referenceForward } from '../src/model/testing/reference64';
import { badCheckpoints } from './support/badCheckpoints';
import { binOnlyRepo, deitDistilledRepo, dinoRepo, shardedRepo, timmRepo, unshardedRepo } from './support/hubRepos';
import { TestHub } from './support/hubServer';
import { acceptHubLink, exportTrace, uploadImage, waitReady, waitState } from './support/page';
import { stripesPng } from './support/png';

const hub = new TestHub();
const port = Number(process.env.VITLENS_E2E_HUB_PORT ?? 0);
const deit = deitDistilledRepo();
const bad = badCheckpoints();
/** what the page said for each failure case, for the closing note's table */
const said: Record<string, string> = {};

test.beforeAll(async () => {
  hub.repos.set('test/vit', unshardedRepo().repo);
  hub.repos.set('test/sharded', shardedRepo().repo);
  hub.repos.set('test/deit-distilled', deit.repo);
  hub.repos.set('test/dino', dinoRepo().repo);
  hub.repos.set('test/timm', timmRepo().repo);
  hub.repos.set('test/gated', { ...unshardedRepo().repo, token: 'hf_testtoken' });
  hub.repos.set('test/no-cors', { ...unshardedRepo().repo, noCors: true });
  hub.repos.set('test/bin-only', binOnlyRepo().repo);
  hub.repos.set('test/large', { ...unshardedRepo().repo, claimedSizes: { 'model.safetensors': 400e6 } });
  hub.repos.set('test/huge', { ...unshardedRepo().repo, claimedSizes: { 'model.safetensors': 5e12 } });
  for (const [id, c] of Object.entries(bad)) hub.repos.set(id, c.repo);
  await hub.start(port);
});

test.afterAll(async () => {
  await hub.stop();
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/hub-messages.json', JSON.stringify(said, null, 2));
});

const tensors = (page: Page) => page.evaluate(() => window.__vitlensTensors!());

async function openPage(page: Page, query = '') {
  await page.goto(`/?hub=${encodeURIComponent(hub.url)}${query}`);
  // the stand-in hub arrives in a link: accepted once, and remembered for the rest of the test
  await acceptHubLink(page, hub.url);
  await waitReady(page);
  const panel = page.getByTestId('hub-panel');
  if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) await panel.locator('summary').click();
}

async function loadFromHub(page: Page, id: string) {
  await page.getByTestId('hub-model-id').fill(id);
  await page.getByTestId('hub-load').click();
}

/** The page, with a first model from the stand-in hub to fall back on. */
async function openWithHubModel(page: Page, id: string) {
  await openPage(page);
  await loadFromHub(page, id);
  await waitReady(page);
}

async function expectRefused(page: Page, id: string, expected: RegExp, key = id) {
  const prediction = await page.getByTestId('prediction').textContent();
  const before = await tensors(page);
  await loadFromHub(page, id);
  await waitState(page, 'error');
  const message = page.getByTestId('error-message');
  await expect(message).toHaveText(expected);
  said[key] = (await message.textContent())!;
  await expect(page.getByTestId('prediction')).toHaveText(prediction!);
  expect(await tensors(page)).toBe(before);
}

test('sharded and unsharded checkpoints download with progress; the second open comes from the cache with the hub stopped', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openPage(page);
  hub.slowBodyMs = 100;
  await loadFromHub(page, 'test/sharded');
  await expect(page.getByTestId('hub-progress')).toBeVisible();
  await expect(page.getByTestId('hub-progress-text')).toHaveText(
    /^model-0000[12]-of-00002\.safetensors: [\d.]+ kB of [\d.]+ kB \(\d+%\)$/,
  );
  const max = Number(await page.getByTestId('hub-progress').getAttribute('max'));
  expect(max).toBeGreaterThan(50_000);
  await waitReady(page);
  hub.slowBodyMs = 0;
  await expect(page.getByTestId('hub-result')).toHaveAttribute('data-from-cache', 'false');
  await expect(page.getByTestId('model-summary')).toContainText('test/sharded (main) from');
  await expect(page).toHaveURL(/model=hf%3Atest%2Fsharded/);
  await expect(page.getByTestId('prediction')).toHaveText(/^(apple|banana|cherry|date|elderberry|fig)$/);

  await loadFromHub(page, 'test/vit');
  await waitReady(page);
  await expect(page.getByTestId('model-summary')).toContainText('test/vit (main) from');
  const rows = page.getByTestId('hub-cache-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'test/sharded' })).toContainText(/\d+\.\d kB\s*3 files/);
  await expect(page.getByTestId('hub-cache-total')).toHaveText(/^2 models, [\d.]+ kB$/);
  await expect(page).toHaveURL(/model=hf%3Atest%2Fvit/);

  // with the hub gone, the same link opens from the cache, and no request leaves for the hub
  await hub.stop();
  const hubRequests: string[] = [];
  page.on('request', (r) => void (r.url().startsWith(hub.url) && hubRequests.push(r.url())));
  await page.reload();
  await waitReady(page);
  await expect(page.getByTestId('model-summary')).toContainText('test/vit (main) from');
  await expect(page.getByTestId('model-summary')).toContainText('from the browser cache, no network');
  await expect(page.getByTestId('hub-result')).toHaveAttribute('data-from-cache', 'true');
  expect(hubRequests).toEqual([]);

  await page.getByTestId('hub-cache-clear').click();
  await expect(page.getByTestId('hub-cache-total')).toHaveText('nothing yet');
  await hub.start(hub.port);
});

test("DeiT with a distillation token, from the conversion bot's refs/pr/3, gives Hugging Face's logits; a DINO-shaped model gives the trace without a prediction; a second model frees the first", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openWithHubModel(page, 'test/vit');
  const withOne = await tensors(page);

  await loadFromHub(page, 'test/deit-distilled');
  await waitReady(page);
  await expect(page.getByTestId('model-summary')).toContainText("conversion bot's pull request refs/pr/3");
  await expect(page.getByTestId('model-summary')).toContainText('distillation token [DIST]');
  const npz = await exportTrace(page);
  expect(npz.get('embeddings')!.shape).toEqual([18, 32]); // [CLS], [DIST], 16 patches
  const ref = referenceForward(deit.vit, npz.get('input')!.data);
  const logits = npz.get('logits')!.data;
  logits.forEach((v, i) => expect(Math.abs(v - ref.logits![i]!)).toBeLessThanOrEqual(1e-4));

  await loadFromHub(page, 'test/dino');
  await waitReady(page);
  await expect(page.getByTestId('prediction')).toContainText('no classifier');
  expect((await exportTrace(page)).has('logits')).toBe(false);

  await loadFromHub(page, 'test/timm');
  await waitReady(page);
  await expect(page.getByTestId('model-summary')).toContainText('timm');

  await loadFromHub(page, 'test/vit'); // from the cache now
  await waitReady(page);
  expect(await tensors(page)).toBe(withOne);
});

test('every bad checkpoint is refused with what is wrong, and the previous model keeps working without leaking', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openWithHubModel(page, 'test/vit');
  for (const [id, c] of Object.entries(bad)) {
    if (c.warning) continue;
    await test.step(c.title, () => expectRefused(page, id, c.expected));
  }
  await uploadImage(page, { name: 'stripes.png', mimeType: 'image/png', buffer: stripesPng() });
  await waitReady(page);
  await expect(page.getByTestId('model-summary')).toContainText('test/vit (main)');

  const nan = Object.entries(bad).find(([, c]) => c.warning)!;
  await loadFromHub(page, nan[0]);
  await waitReady(page);
  await expect(page.getByTestId('model-warnings')).toHaveText(nan[1].expected);
  said[nan[0]] = (await page.getByTestId('model-warnings').textContent())!;
});

test('hub failures: 404, unknown repository, network failure with retry, CORS refusal; only pytorch_model.bin loads; a gated model and its token', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openWithHubModel(page, 'test/vit');
  await expectRefused(
    page,
    'test/vit@no-such-branch',
    /test\/vit: config\.json was not found at .*\/test\/vit\/resolve\/no-such-branch\/config\.json \(HTTP 404\)/,
    '404',
  );
  await expectRefused(
    page,
    'test/does-not-exist',
    /test\/does-not-exist: config\.json needs a token \(HTTP 401\)/,
    'unknown repository',
  );
  await expectRefused(
    page,
    'test/no-cors',
    /Could not read http:\/\/127\.0\.0\.1:\d+\/test\/no-cors\/resolve\/main\/config\.json: the network failed, or the server does not let this page read it \(CORS\)/,
    'CORS refusal',
  );
  // only pytorch_model.bin: read without running its pickle
  await loadFromHub(page, 'test/bin-only');
  await waitReady(page);
  await expect(page.getByTestId('model-summary')).toContainText(
    "read by ViT Lens's own reader, which never runs the pickle's code",
  );
  await loadFromHub(page, 'test/vit');
  await waitReady(page);

  // a connection reset during the weights: Retry fetches only what is missing
  const sinceHere = hub.requestsFor('test/sharded').length;
  hub.faults.set('test/sharded/model-00002-of-00002.safetensors', 'reset');
  await expectRefused(
    page,
    'test/sharded',
    /Could not read .*model-00002-of-00002\.safetensors: the network failed/,
    'network failure',
  );
  hub.faults.delete('test/sharded/model-00002-of-00002.safetensors');
  await page.getByTestId('hub-retry').click();
  await waitReady(page);
  const fullGets = (file: string) =>
    hub
      .requestsFor('test/sharded')
      .slice(sinceHere)
      .filter((r) => r.path.endsWith(file) && r.range === null).length;
  expect(fullGets('model-00001-of-00002.safetensors')).toBe(1);
  expect(fullGets('config.json')).toBe(1);

  // gated: refused without a token, loads with one; the token is not stored unless asked
  await expectRefused(
    page,
    'test/gated',
    /test\/gated: config\.json needs a token \(HTTP 401\): the model is gated or private/,
    'gated, no token',
  );
  await page.getByTestId('hub-token').fill('hf_testtoken');
  await loadFromHub(page, 'test/gated');
  await waitReady(page);
  expect(hub.requestsFor('test/gated').at(-1)!.auth).toBe('Bearer hf_testtoken');
  expect(await page.evaluate(() => localStorage.getItem('vitlens.hubTokens'))).toBeNull();
  await page.getByTestId('hub-remember-token').check();
  // remembered for the stand-in hub's origin only
  expect(JSON.parse((await page.evaluate(() => localStorage.getItem('vitlens.hubTokens')))!)).toEqual({
    [hub.url]: 'hf_testtoken',
  });

  // a link to a checkpoint that does not load opens the default model and says why
  await page.goto(`/?hub=${encodeURIComponent(hub.url)}&model=hf:bad/pickle-code`);
  await waitState(page, 'error');
  await expect(page.getByTestId('error-message')).toContainText('the pickle asks for os.system');
  await expect(page.getByTestId('prediction')).toHaveText(/^(cat|dog|car|apple|tree|fish|house|star|sunflower|rocket)$/);
});

test('a large download asks first; cancelling a download and going offline mid-download keep the previous model, and Retry keeps what was cached', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await openWithHubModel(page, 'test/vit');
  const prediction = await page.getByTestId('prediction').textContent();

  await loadFromHub(page, 'test/large');
  await expect(page.getByTestId('hub-confirm-box')).toContainText('This download is 400.0 MB');
  await page.getByTestId('hub-decline').click();
  await waitReady(page);
  await expect(page.getByTestId('status')).toHaveText('Download cancelled; the previous model is still loaded.');
  expect(hub.requestsFor('test/large').filter((r) => r.path.endsWith('model.safetensors') && r.range === null)).toHaveLength(0);
  await expectRefused(
    page,
    'test/huge',
    /model\.safetensors: the hub says it is 4656\.6 GB; ViT Lens loads files up to 4 GB/,
    'absurd file size',
  );

  hub.slowBodyMs = 600;
  await loadFromHub(page, 'test/sharded');
  await expect(page.getByTestId('hub-progress')).toBeVisible();
  // a download that takes a while says its speed and the time left (16 kB each 0.6 s here)
  await expect(page.getByTestId('hub-pace')).toHaveText(/^[\d.]+ kB\/s, about (\d+ min|(\d+ min )?\d+ s) left$/, { timeout: 10_000 });
  await page.getByTestId('hub-cancel').click();
  await waitReady(page);
  await expect(page.getByTestId('status')).toHaveText('Download cancelled; the previous model is still loaded.');
  await expect(page.getByTestId('prediction')).toHaveText(prediction!);
  said['cancel'] = 'Download cancelled; the previous model is still loaded.';

  // offline once the first shard is in: the error says so, and Retry downloads only the second
  const before = hub.requestsFor('test/sharded').length;
  hub.slowBodyMs = 0;
  hub.faults.set('test/sharded/model-00002-of-00002.safetensors', 'stall');
  await loadFromHub(page, 'test/sharded');
  await expect(page.getByTestId('hub-progress-text')).toContainText('model-00002-of-00002.safetensors');
  await context.setOffline(true);
  hub.cutStalled();
  await waitState(page, 'error');
  said['offline mid-download'] = (await page.getByTestId('error-message').textContent())!;
  await expect(page.getByTestId('error-message')).toContainText('You are offline');
  await expect(page.getByTestId('prediction')).toHaveText(prediction!);
  await expect(page.getByTestId('hub-cache-row').filter({ hasText: 'test/sharded' })).toContainText('incomplete: ');
  await context.setOffline(false);
  await page.getByTestId('hub-retry').click();
  await waitReady(page);
  await expect(page.getByTestId('model-summary')).toContainText('test/sharded (main)');
  const retried = hub.requestsFor('test/sharded').slice(before);
  const fullGets = (file: string) => retried.filter((r) => r.path.endsWith(file) && r.range === null).length;
  expect(fullGets('model-00001-of-00002.safetensors')).toBe(1); // the first try's, none on retry
});
