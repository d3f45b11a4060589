/**
 * DINOv2 (with and without registers) and CLIP's vision tower from the stand-in hub: the trace
 * against the float64 reference, no prediction, and every stage and analysis tab opened without an error.
 */
import { expect, test, type Page } from '@playwright/test';
import { referenceForward } from '../src/model/testing/reference64';
import { STAGES } from '../src/state/stages';
import { ANALYSES } from '../src/views/analyses/texts';
import { clipRepo, dinov2RegistersRepo, dinov2Repo } from './support/familyRepos';
import type { BuiltRepo } from './support/hubRepos';
import { TestHub } from './support/hubServer';
import { acceptHubLink, exportTrace, waitReady } from './support/page';

const hub = new TestHub();
const repos: Record<string, BuiltRepo> = {
  'test/dinov2': dinov2Repo(),
  'test/dinov2-registers': dinov2RegistersRepo(),
  'test/clip': clipRepo(),
};

test.beforeAll(async () => {
  for (const [id, r] of Object.entries(repos)) hub.repos.set(id, r.repo);
  await hub.start(0);
});

test.afterAll(async () => {
  await hub.stop();
});

async function openFromHub(page: Page, id: string) {
  await page.goto(`/?hub=${encodeURIComponent(hub.url)}`);
  await acceptHubLink(page, hub.url);
  await waitReady(page);
  const panel = page.getByTestId('hub-panel');
  if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) await panel.locator('summary').click();
  await page.getByTestId('hub-model-id').fill(id);
  await page.getByTestId('hub-load').click();
  await expect(page.getByTestId('model-summary')).toContainText(`${id} (main) from`, { timeout: 45_000 });
  await waitReady(page);
}

const maxDiff = (a: Float32Array, b: Float64Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

const cases: { id: string; tokens: number; naming: string }[] = [
  { id: 'test/dinov2', tokens: 1 + 64, naming: 'huggingface-dinov2' },
  { id: 'test/dinov2-registers', tokens: 1 + 4 + 64, naming: 'huggingface-dinov2' },
  { id: 'test/clip', tokens: 1 + 16, naming: 'huggingface-clip' },
];

for (const c of cases) {
  test(`${c.id}: the trace matches float64 and there is no prediction`, async ({ page }) => {
    test.setTimeout(90_000);
    await openFromHub(page, c.id);
    await expect(page.getByTestId('model-summary')).toContainText(c.naming);
    await expect(page.getByTestId('prediction')).toContainText('no classifier');
    const npz = await exportTrace(page);
    expect(npz.has('logits')).toBe(false);
    expect(npz.get('embeddings')!.shape).toEqual([c.tokens, 32]);
    const ref = referenceForward(repos[c.id]!.vit, npz.get('input')!.data);
    expect(maxDiff(npz.get('embeddings')!.data, ref.embeddings)).toBeLessThanOrEqual(1e-4);
    for (let l = 0; l < 3; l++) {
      expect(maxDiff(npz.get(`layer${l}.attn`)!.data, ref.layers[l]!.attn), `layer ${l} attention`).toBeLessThanOrEqual(1e-4);
    }
    const scale = Math.max(...ref.pooled.map(Math.abs));
    expect(maxDiff(npz.get('pooled')!.data, ref.pooled) / scale, 'pooled, relative').toBeLessThanOrEqual(1e-4);
  });

  test(`${c.id}: every stage and every analysis tab opens without an error`, async ({ page }) => {
    test.setTimeout(120_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openFromHub(page, c.id);
    for (const stage of STAGES) {
      await page.getByTestId(`stage-${stage}`).click();
      expect(errors, `no uncaught error after opening stage ${stage}`).toEqual([]);
      await expect(page.getByTestId('stage-panel'), `stage ${stage} shown`).toHaveAttribute('data-stage', stage, {
        timeout: 10_000,
      });
      await expect(page.getByTestId('stage-shapes'), `stage ${stage} states its shapes`).toContainText('[');
    }
    for (const a of ANALYSES) {
      await page.getByTestId(`analysis-tab-${a.id}`).click();
      expect(errors, `no uncaught error after opening ${a.id}`).toEqual([]);
      const panel = page.getByTestId('analysis-panel');
      await expect(panel, `${a.id} panel shown`).toHaveAttribute('data-analysis', a.id, { timeout: 10_000 });
      // each panel states its tensor's shape, or (the analyses of a prediction) that there is no classifier
      await expect(panel, `${a.id} panel says what it shows`).toContainText(/\[\d+(, \d+)*\]|no classifier/);
    }
    await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'ready');
    expect(errors).toEqual([]);
    await expect(page.locator('[data-testid="panel-error"]')).toHaveCount(0);
    // the explainer names the model's own MLP activation (CLIP: QuickGELU)
    await page.getByTestId('stage-mlp').click();
    await expect(page.getByTestId('stage-panel')).toContainText(c.id === 'test/clip' ? 'QuickGELU' : 'GELU');
    if (c.id === 'test/dinov2-registers') {
      // the registers' norms are set against the patches'
      await page.getByTestId('analysis-tab-norms').click();
      const prefix = page.getByTestId('norms-prefix');
      for (const name of ['[CLS]', '[REG1]', '[REG4]']) await expect(prefix).toContainText(new RegExp(`\\${name.slice(0, -1)}\\] [\\d.]+ \\([\\d.]+× the median patch\\)`));
    }
  });
}
