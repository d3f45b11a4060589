/**
 * The Hub token goes only to the origin it was entered for, and a hub address in a link is a
 * question: the token-leak case, the confirm/decline flow, a download redirected to a CDN
 * on a second origin, a token typed for one hub and a load from another. Every server here is a
 * stand-in on 127.0.0.1 with a random port that logs what it receives.
 */
import { expect, test, type Page } from '@playwright/test';
import { unshardedRepo } from './support/hubRepos';
import { TestHub } from './support/hubServer';
import { acceptHubLink, waitReady, waitState } from './support/page';

const hub = new TestHub();
const cdn = TestHub.cdnOf(hub);
/** a server a shared link could name: it only logs */
const logger = new TestHub();
const DEFAULT_LABELS = /^(cat|dog|car|apple|tree|fish|house|star|sunflower|rocket)$/;

test.beforeAll(async () => {
  hub.repos.set('test/vit', unshardedRepo().repo);
  hub.repos.set('test/cdn', { ...unshardedRepo().repo, token: 'hf_secret', redirect: 'cloudfront' });
  hub.repos.set('test/cdn-plain', { ...unshardedRepo().repo, token: 'hf_secret', redirect: 'plain' });
  await Promise.all([hub.start(), cdn.start(), logger.start()]);
});
test.afterAll(async () => {
  await Promise.all([hub.stop(), cdn.stop(), logger.stop()]);
});

/** Every request the page makes to this origin, as the browser sent it. */
function requestsTo(page: Page, origin: string): { url: string; auth: string | undefined }[] {
  const seen: { url: string; auth: string | undefined }[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(origin)) seen.push({ url: r.url(), auth: r.headers()['authorization'] });
  });
  return seen;
}

async function loadFromHub(page: Page, id: string) {
  await page.getByTestId('hub-model-id').fill(id);
  await page.getByTestId('hub-load').click();
}

test("the issue's case: a token remembered for huggingface.co is not sent to a link's ?hub=, which is asked about before any request", async ({
  page,
}) => {
  await page.goto('/');
  await waitReady(page);
  // remembered as the page used to keep it: one token, no origin
  await page.evaluate(() => localStorage.setItem('vitlens.hubToken', 'hf_leaked_if_sent'));
  const seen = requestsTo(page, logger.url);
  await page.goto(`/?hub=${encodeURIComponent(logger.url)}&model=hf:acme/thing`);
  await expect(page.getByTestId('hub-link-url')).toHaveText(logger.url);
  await page.waitForTimeout(1000); // the page has had time to ask the hub, had it meant to
  expect(logger.log).toEqual([]);
  expect(seen).toEqual([]);
  await expect(page.getByTestId('hub-link-question')).toContainText('Nothing has been requested from it yet');
  await expect(page.getByTestId('status')).toContainText('Waiting for your answer about the hub in the link');

  await acceptHubLink(page, logger.url, false);
  await waitState(page, 'error');
  await expect(page.getByTestId('error-message')).toContainText('acme/thing: config.json needs a token (HTTP 401)');
  await expect(page.getByTestId('prediction')).toHaveText(DEFAULT_LABELS);
  expect(logger.log.length).toBeGreaterThan(0);
  expect(logger.log.filter((r) => r.auth !== null)).toEqual([]);
  expect(seen.filter((r) => r.auth !== undefined)).toEqual([]);
  // the old token now belongs to the hub it was entered for, and the link's hub was not saved
  expect(await page.evaluate(() => localStorage.getItem('vitlens.hubTokens'))).toBe(
    '{"https://huggingface.co":"hf_leaked_if_sent"}',
  );
  expect(await page.evaluate(() => localStorage.getItem('vitlens.hubUrl'))).toBeNull();
  await expect(page.getByTestId('hub-token')).toHaveValue(''); // the field shows this hub's token: none
});

test("declining a link's hub opens the default model with nothing sent there; it is remembered only when the user says so", async ({
  context,
  page,
}) => {
  const link = `/?hub=${encodeURIComponent(logger.url)}&model=hf:test/vit`;
  const before = logger.log.length;
  await page.goto(link);
  await page.getByTestId('hub-link-decline').click();
  await waitReady(page);
  await expect(page.getByTestId('hub-link-question')).toHaveCount(0);
  await expect(page.getByTestId('prediction')).toHaveText(DEFAULT_LABELS);
  await expect(page.getByTestId('model-summary')).toContainText('the default model');
  await expect(page.getByTestId('error-message')).toContainText(`You chose not to use the hub ${logger.url}`);
  await expect(page.getByTestId('hub-url')).toHaveValue('https://huggingface.co');
  expect(logger.log.length).toBe(before);

  // a new tab asks again: nothing was remembered
  const second = await context.newPage();
  await second.goto(link);
  await expect(second.getByTestId('hub-link-url')).toHaveText(logger.url);
  // yes, remembered: the stand-in is now the saved hub, and the next tab is not asked
  await second.goto(`/?hub=${encodeURIComponent(hub.url)}&model=hf:test/vit`);
  await acceptHubLink(second, hub.url, true);
  await waitReady(second);
  await expect(second.getByTestId('model-summary')).toContainText('test/vit (main) from');
  const third = await context.newPage();
  await third.goto(`/?hub=${encodeURIComponent(hub.url)}&model=hf:test/vit`);
  await waitReady(third);
  await expect(third.getByTestId('model-summary')).toContainText('test/vit (main) from');
  await expect(third.getByTestId('hub-link-question')).toHaveCount(0);
  await expect(third.getByTestId('hub-url')).toHaveValue(hub.url);
});

test('downloads redirected to a CDN on a second origin get no token; a token typed for one hub is not sent to another', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const atCdn = requestsTo(page, cdn.url);
  const atLogger = requestsTo(page, logger.url);
  await page.goto(`/?hub=${encodeURIComponent(hub.url)}`);
  await acceptHubLink(page, hub.url);
  await waitReady(page);
  await page.getByTestId('hub-panel').locator('summary').click();
  await page.getByTestId('hub-token').fill('hf_secret');
  await expect(page.getByTestId('hub-token-origin')).toHaveText(`sent only to ${hub.url}`);
  for (const id of ['test/cdn', 'test/cdn-plain']) {
    await loadFromHub(page, id);
    await waitReady(page);
    await expect(page.getByTestId('model-summary')).toContainText(`${id} (main) from`);
    // (CORS preflights carry no headers' values, by design)
    const asked = hub.requestsFor(id).filter((r) => r.method !== 'OPTIONS');
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter((r) => r.auth !== 'Bearer hf_secret')).toEqual([]);
    const fromCdn = cdn.log.filter((r) => r.path.startsWith(`/cdn/${id}/`));
    // the weights really came from the second origin, and it was never shown the token
    expect(fromCdn.some((r) => r.path.endsWith('/model.safetensors') && r.range === null)).toBe(true);
    expect(fromCdn.filter((r) => r.auth !== null)).toEqual([]);
  }
  expect(atCdn.length).toBeGreaterThan(0);
  expect(atCdn.filter((r) => r.auth !== undefined)).toEqual([]);

  // another hub in the address field: its token field is empty, and a load there carries none
  await page.getByTestId('hub-url').fill(logger.url);
  await expect(page.getByTestId('hub-token')).toHaveValue('');
  await expect(page.getByTestId('hub-token-origin')).toHaveText(`sent only to ${logger.url}`);
  await loadFromHub(page, 'test/vit');
  await waitState(page, 'error');
  expect(atLogger.length).toBeGreaterThan(0);
  expect(atLogger.filter((r) => r.auth !== undefined)).toEqual([]);
  expect(logger.log.filter((r) => r.auth !== null)).toEqual([]);
  // back to the first hub: its token is still there for it
  await page.getByTestId('hub-url').fill(hub.url);
  await expect(page.getByTestId('hub-token')).toHaveValue('hf_secret');
});
