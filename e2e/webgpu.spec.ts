/**
 * WebGPU on SwiftShader (software, so slow, but every WebGPU path runs): the engine's float64
 * reference cases on ?backend=webgpu through the page (file control → trace.npz), tensors flat over
 * 20 runs, the calibration, and WebGL in 16-bit floats saying its precision.
 */
import { expect, test } from '@playwright/test';
// @ts-expect-error: a plain .mjs helper shared with the bench scripts
import { CHROMIUM_ARGS, chromiumExecutable } from '../scripts/browser.mjs';
import type { SafetensorsDtype } from '../src/model/safetensors';
import type { Naming, RandomVitSpec } from '../src/model/testing/randomCheckpoint';
import { referenceForward } from '../src/model/testing/reference64';
import { LAYER_KEYS } from '../src/model/trace';
import { SMALL_SPEC, testCheckpoint } from './support/checkpoints';
import { exportTrace, uploadImage, uploadModel, waitReady } from './support/page';
import { stripesPng } from './support/png';

const WEBGPU_FLAGS = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--enable-features=Vulkan'];
test.use({
  launchOptions: {
    executablePath: (chromiumExecutable() as { path?: string } | null)?.path,
    args: [...CHROMIUM_ARGS, ...WEBGPU_FLAGS],
  },
});

const stripes = { name: 'stripes.png', mimeType: 'image/png', buffer: stripesPng() };
const npzKey: Record<string, string> = { attnOut: 'attn_out', mlpHidden: 'mlp_hidden' };

const maxDiff = (a: Float32Array, b: Float64Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
const relative = (a: Float32Array, b: Float64Array) => maxDiff(a, b) / Math.max(1e-12, ...b.map(Math.abs));

// the nine checkpoint variants of forward.test.ts
const cases: { title: string; spec: RandomVitSpec; naming: Naming; dtype: SafetensorsDtype }[] = [
  { title: 'Hugging Face ViT, F32', spec: SMALL_SPEC, naming: 'huggingface-vit', dtype: 'F32' },
  { title: 'Hugging Face ViT, F16', spec: { ...SMALL_SPEC, seed: 2 }, naming: 'huggingface-vit', dtype: 'F16' },
  { title: 'Hugging Face ViT, BF16', spec: { ...SMALL_SPEC, seed: 3 }, naming: 'huggingface-vit', dtype: 'BF16' },
  { title: 'DeiT naming', spec: { ...SMALL_SPEC, seed: 4 }, naming: 'huggingface-deit', dtype: 'F32' },
  { title: 'timm, F16, no qkv bias', spec: { ...SMALL_SPEC, seed: 6, qkvBias: false }, naming: 'timm', dtype: 'F16' },
  {
    title: 'no [CLS], no positions, mean pooling',
    spec: { ...SMALL_SPEC, seed: 8, classToken: false, positionEmbeddings: false },
    naming: 'huggingface-vit',
    dtype: 'F32',
  },
  {
    title: 'tanh GELU, timm BF16',
    spec: { ...SMALL_SPEC, seed: 9, positionEmbeddings: false, hiddenAct: 'gelu_pytorch_tanh' },
    naming: 'timm',
    dtype: 'BF16',
  },
  { title: 'distilled DeiT', spec: { ...SMALL_SPEC, seed: 11, distilled: true }, naming: 'huggingface-deit', dtype: 'F32' },
  { title: 'bare ViTModel', spec: { ...SMALL_SPEC, seed: 10, numClasses: null, labels: [] }, naming: 'huggingface-bare', dtype: 'F32' },
];

test('on webgpu: the nine checkpoint variants match float64 in every array, and trace.npz exports', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?backend=webgpu');
  await waitReady(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgpu');
  await expect(page.getByTestId('backend')).toContainText('webgpu · google swiftshader');
  // in the engine's worker (WebGPU in workers), not the main-thread fallback
  await expect(page.getByTestId('backend')).not.toContainText('main thread');
  await uploadImage(page, stripes);
  await waitReady(page);
  for (const c of cases) {
    const checkpoint = testCheckpoint(c.spec, c.naming, c.dtype);
    await uploadModel(page, checkpoint.files);
    await expect(page.getByTestId('model-summary')).toContainText(c.naming);
    await waitReady(page);
    const npz = await exportTrace(page);
    const ref = referenceForward(checkpoint.vit, npz.get('input')!.data);
    expect(relative(npz.get('embeddings')!.data, ref.embeddings), `${c.title} embeddings`).toBeLessThanOrEqual(1e-4);
    ref.layers.forEach((layer, l) => {
      for (const key of LAYER_KEYS) {
        const got = npz.get(`layer${l}.${npzKey[key] ?? key}`)!.data;
        const err = key === 'attn' ? maxDiff(got, layer.attn) : relative(got, layer[key]);
        expect(err, `${c.title} layer ${l} ${key}`).toBeLessThanOrEqual(1e-4);
      }
    });
    expect(relative(npz.get('pooled')!.data, ref.pooled), `${c.title} pooled`).toBeLessThanOrEqual(1e-4);
    if (ref.logits) expect(relative(npz.get('logits')!.data, ref.logits), `${c.title} logits`).toBeLessThanOrEqual(1e-4);
    else expect(npz.has('logits')).toBe(false);
  }
});

test('on webgpu: the live tensor count stays flat over 20 runs', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?backend=webgpu');
  await waitReady(page);
  await uploadModel(page, testCheckpoint(SMALL_SPEC, 'huggingface-vit').files);
  await waitReady(page);
  await uploadImage(page, stripes);
  await waitReady(page);
  const tensors = () => page.evaluate(() => window.__vitlensTensors!());
  const first = await tensors();
  for (let i = 0; i < 20; i++) {
    await uploadImage(page, { ...stripes, name: `stripes-${i}.png` });
    await expect(page.getByTestId('status')).toContainText(`stripes-${i}.png`, { timeout: 20_000 }).catch(() => undefined);
    await waitReady(page);
  }
  expect(await tensors()).toBe(first);
});

test('calibration times each backend once per model size, remembers the winner and says why', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?calibrate=1');
  await waitReady(page);
  const line = page.getByTestId('backend');
  await expect(line).toContainText(/ms/);
  const reason = await line.getAttribute('title');
  expect(reason).toMatch(/^the fastest here: (\w+ [\d.]+ ms(, )?){3}$/);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('vitlens.calibration.v1') ?? '{}'));
  const records = Object.values(stored) as Record<string, number>[];
  expect(records).toHaveLength(1);
  expect(Object.keys(records[0]!).sort()).toEqual(['wasm', 'webgl', 'webgpu']);
  const winner = Object.entries(records[0]!).sort((a, b) => a[1] - b[1])[0]![0];
  await expect(line).toHaveAttribute('data-backend', winner);
  // the second visit starts from the remembered timings: nothing is timed again
  await page.reload();
  await waitReady(page);
  await expect(line).toHaveAttribute('data-backend', winner);
  expect(await page.evaluate(() => localStorage.getItem('vitlens.calibration.v1'))).toBe(JSON.stringify(stored));
  await page.screenshot({ path: '/tmp/issue-20-webgpu/calibrated.png' });
});

test('webgl in 16-bit floats says how far attention moves on the default model', async ({ page }) => {
  test.setTimeout(90_000);
  await page.addInitScript(() => (window.__vitlensHalfFloatWebgl = true));
  await page.goto('/?backend=webgl');
  await waitReady(page);
  const line = page.getByTestId('backend');
  await expect(line).toContainText(/webgl · 16-bit floats: attention differs by up to \de-\d/);
  const err = Number((await line.textContent())!.match(/up to (\de-\d)/)![1]);
  expect(err).toBeGreaterThan(1e-4);
  await page.screenshot({ path: '/tmp/issue-20-webgpu/half-float.png' });
});
