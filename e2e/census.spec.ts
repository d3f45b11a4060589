/**
 * Nothing of the user's leaves the browser, proven: every request the page (and its workers)
 * makes over a whole session is recorded: opening from a link with a hub, a model from the
 * (stand-in) hub, an uploaded image, a pasted one, a sample, every stage of the explainer, every
 * analysis tab with every run it offers, the trace export. Each must go to the page's own server
 * or the stand-in hub, and none may carry a body.
 */
import { expect, test, type Request } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { STAGES } from '../src/state/stages';
import { unshardedRepo } from './support/hubRepos';
import { TestHub } from './support/hubServer';
import { acceptHubLink, exportTrace, uploadImage, waitReady } from './support/page';
import { stripesPng } from './support/png';

const hub = new TestHub();

test.beforeAll(async () => {
  hub.repos.set('test/vit', unshardedRepo().repo);
  await hub.start();
});
test.afterAll(() => hub.stop());

interface Seen {
  url: string;
  method: string;
  body: number | null;
  from: string;
}

test('a whole session makes requests only to its own server and the hub, none with a body', async ({
  context,
  page,
  baseURL,
}, testInfo) => {
  test.setTimeout(300_000);
  const seen: Seen[] = [];
  const record = (from: string) => (r: Request) =>
    seen.push({ url: r.url(), method: r.method(), body: r.postDataBuffer()?.length ?? null, from });
  context.on('request', record('page'));
  page.on('worker', (w) => seen.push({ url: w.url(), method: 'WORKER', body: null, from: 'worker start' }));
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  context.on('serviceworker', (sw) => seen.push({ url: sw.url(), method: 'SERVICE WORKER', body: null, from: 'service worker' }));

  // open from a shared link that names a hub, and accept it
  await page.goto(`/?hub=${encodeURIComponent(hub.url)}`);
  await acceptHubLink(page, hub.url);
  await waitReady(page);

  // an uploaded image, a pasted one, a sample from the gallery
  await uploadImage(page, { name: 'stripes.png', mimeType: 'image/png', buffer: stripesPng() });
  await waitReady(page);
  await expect(page.getByTestId('pre-original-size')).toContainText('stripes.png');
  const pasted = Array.from(readFileSync(new URL('fixtures/images/alpha.png', import.meta.url)));
  await page.evaluate((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'pasted.png', { type: 'image/png' }));
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, pasted);
  await waitReady(page);
  await expect(page.getByTestId('pre-original-size')).toContainText('pasted.png');

  // every stage
  for (const stage of STAGES) {
    await page.getByTestId(`stage-${stage}`).click();
    await expect(page.getByTestId('stage-panel')).toHaveAttribute('data-stage', stage);
  }

  // every analysis, and every run one offers
  const tabs = await page
    .locator('[data-testid^="analysis-tab-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
  expect(tabs.length).toBeGreaterThanOrEqual(10);
  const ran: string[] = [];
  for (const tab of tabs) {
    await page.getByTestId(tab).click();
    const panel = page.getByTestId('analysis-panel');
    await expect(panel.getByTestId('analysis-shape')).toContainText('[');
    if (tab === 'analysis-tab-qk') await page.getByTestId('qk-umap').check(); // UMAP is the run it offers
    const run = panel.getByTestId('analysis-run');
    // a computation that starts by itself (its button then goes) or one that waits for a click
    const settled = async () => {
      try {
        return (await run.count()) === 0 || (await run.isEnabled({ timeout: 100 }));
      } catch {
        return false;
      }
    };
    await expect.poll(settled, { timeout: 60_000 }).toBe(true);
    if ((await run.count()) > 0) {
      // what a run needs first: heads to switch off; the fewest steps of the curves
      if (tab === 'analysis-tab-ablation') await page.getByTestId('ablation-layer-off').click();
      if (tab === 'analysis-tab-faithfulness') await page.getByTestId('faithfulness-steps').selectOption('4');
      await run.click({ timeout: 10_000 });
      const done = async () => (await panel.getByTestId('analysis-time').count()) > 0 || (await run.count()) === 0;
      await expect.poll(done, { timeout: 120_000 }).toBe(true);
      ran.push(tab);
    }
  }
  // the runs a click starts: distance, UMAP, ablation, class map, the faithfulness curves
  expect(ran).toEqual(['distance', 'qk', 'ablation', 'classmap', 'faithfulness'].map((t) => `analysis-tab-${t}`));

  // the trace export, a model from the hub, and its export
  await exportTrace(page);
  await page.getByTestId('hub-panel').locator('summary').click();
  await page.getByTestId('hub-model-id').fill('test/vit');
  await page.getByTestId('hub-load').click();
  await waitReady(page);
  await expect(page.getByTestId('model-summary')).toContainText('test/vit (main) from');
  await exportTrace(page);
  await page.getByTestId('gallery').locator('button').first().click();
  await waitReady(page);

  const own = new URL(baseURL!).origin;
  const allowed = new Set([own, hub.url]);
  const where = (url: string) => (/^(blob|data):/.test(url) ? 'local' : new URL(url).origin);
  const elsewhere = seen.filter((s) => where(s.url) !== 'local' && !allowed.has(where(s.url)));
  expect(elsewhere, 'requests to any other origin').toEqual([]);
  expect(
    seen.filter((s) => s.body !== null),
    'requests with a body',
  ).toEqual([]);
  expect(seen.filter((s) => !['GET', 'HEAD', 'OPTIONS', 'WORKER', 'SERVICE WORKER'].includes(s.method))).toEqual([]);
  expect(sockets).toEqual([]);
  // the hub was used (the census saw its requests), and received nothing of the user's
  expect(seen.some((s) => s.url.startsWith(hub.url))).toBe(true);
  expect(hub.log.every((r) => r.method === 'GET' || r.method === 'OPTIONS')).toBe(true);

  const byOrigin: Record<string, number> = {};
  for (const s of seen) {
    const key = where(s.url) === own ? 'page' : where(s.url) === hub.url ? 'hub' : 'local';
    byOrigin[key] = (byOrigin[key] ?? 0) + 1;
  }
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/request-census.json', JSON.stringify({ tabs, ran, byOrigin, requests: seen }, null, 2));
  testInfo.annotations.push({
    type: 'census',
    description: JSON.stringify({ total: seen.length, byOrigin, tabs: tabs.length, runs: ran.length }),
  });
});
