import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referenceForward } from '../src/model/testing/reference64';
import { SMALL_SPEC, testCheckpoint } from './support/checkpoints';
import { exportDownload, exportTrace, uploadImage, uploadModel, waitReady, waitState } from './support/page';
import { stripesPng } from './support/png';

const stripes = { name: 'stripes.png', mimeType: 'image/png', buffer: stripesPng() };
const DEFAULT_CLASSES = /^(cat|dog|car|apple|tree|fish|house|star|sunflower|rocket)$/;

function maxRelativeError(got: Float32Array, want: Float64Array): number {
  let err = 0;
  let scale = 1e-12;
  for (let i = 0; i < want.length; i++) {
    err = Math.max(err, Math.abs(got[i]! - want[i]!));
    scale = Math.max(scale, Math.abs(want[i]!));
  }
  return err / scale;
}

test('opens ready on the default model, with a prediction, the backend and an attention map', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await expect(page.getByTestId('prediction')).toHaveText(DEFAULT_CLASSES);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /^(webgl|wasm|cpu)$/);
  await expect(page.getByTestId('attention-heatmap')).toBeVisible();
  await expect(page.getByTestId('error-message')).toHaveCount(0);
});

for (const backend of ['wasm', 'webgl', 'cpu']) {
  test(`on ${backend}: a checkpoint from the file control runs on an image, and trace.npz holds the contract keys, shapes and the right numbers`, async ({
    page,
  }) => {
    const checkpoint = testCheckpoint(SMALL_SPEC, 'timm', 'F16');
    await page.goto(`/?backend=${backend}`);
    await waitReady(page);
    await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', backend);
    // the engine runs in its worker on every backend (the fallback would say "on the main thread")
    await expect(page.getByTestId('backend')).not.toContainText('main thread');
    await uploadModel(page, checkpoint.files);
    await waitReady(page);
    await uploadImage(page, stripes);
    await waitReady(page);
    await expect(page.getByTestId('model-summary')).toContainText('timm');
    await expect(page.getByTestId('prediction')).toHaveText(/^(apple|banana|cherry|date|elderberry|fig)$/);

    const npz = await exportTrace(page);
    const T = 17;
    const D = 32;
    const expected: Record<string, number[]> = {
      input: [3, 32, 32],
      patch_tokens: [16, D],
      embeddings: [T, D],
      final_norm: [T, D],
      pooled: [D],
      logits: [6],
      probs: [6],
    };
    const layerShapes: Record<string, number[]> = {
      norm1: [T, D],
      q: [4, T, 8],
      k: [4, T, 8],
      v: [4, T, 8],
      scores: [4, T, T],
      scaled: [4, T, T],
      attn: [4, T, T],
      context: [4, T, 8],
      attn_out: [T, D],
      residual1: [T, D],
      norm2: [T, D],
      mlp_hidden: [T, 64],
      out: [T, D],
    };
    for (let i = 0; i < 3; i++) for (const [k, s] of Object.entries(layerShapes)) expected[`layer${i}.${k}`] = s;
    expect([...npz.keys()].sort()).toEqual(Object.keys(expected).sort());
    for (const [key, shape] of Object.entries(expected)) {
      expect(npz.get(key)!.shape, key).toEqual(shape);
      expect(npz.get(key)!.descr, key).toBe('<f4');
      expect(npz.get(key)!.fortranOrder, key).toBe(false);
    }

    // The browser's numbers against the float64 reference, run on the input the page exported.
    const ref = referenceForward(checkpoint.vit, npz.get('input')!.data);
    expect(maxRelativeError(npz.get('embeddings')!.data, ref.embeddings)).toBeLessThanOrEqual(1e-4);
    for (let i = 0; i < 3; i++) {
      const attn = npz.get(`layer${i}.attn`)!.data;
      let err = 0;
      attn.forEach((v, j) => (err = Math.max(err, Math.abs(v - ref.layers[i]!.attn[j]!))));
      expect(err, `layer ${i} attention`).toBeLessThanOrEqual(1e-4);
      expect(maxRelativeError(npz.get(`layer${i}.out`)!.data, ref.layers[i]!.out)).toBeLessThanOrEqual(1e-4);
    }
    expect(maxRelativeError(npz.get('logits')!.data, ref.logits!)).toBeLessThanOrEqual(1e-4);
    const top = Array.from(ref.probs!).indexOf(Math.max(...ref.probs!));
    await expect(page.getByTestId('prediction')).toHaveText(SMALL_SPEC.labels![top]!);
  });
}

test('on wasm, a model large enough that every matrix product and attention is shared between threads matches float64', async ({
  page,
}) => {
  // 65 tokens, width 96, 4 heads of 24 (partial column panels), MLP 384, GELU: each product and each
  // layer's attention is above the size the kernels split across threads (kernelRuntime.ts)
  const spec = {
    hiddenSize: 96,
    numLayers: 2,
    numHeads: 4,
    intermediateSize: 384,
    imageSize: 64,
    patchSize: 8,
    numClasses: 7,
    seed: 31,
  };
  const checkpoint = testCheckpoint(spec, 'huggingface-vit');
  await page.goto('/?backend=wasm');
  await waitReady(page);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(page.getByTestId('backend')).toContainText(`ViT Lens kernels`);
  if (cores >= 2) await expect(page.getByTestId('backend')).toContainText(/· [2-8] threads/);
  await uploadModel(page, checkpoint.files);
  await waitReady(page);
  await uploadImage(page, stripes);
  await waitReady(page);
  const npz = await exportTrace(page);
  const ref = referenceForward(checkpoint.vit, npz.get('input')!.data);
  for (let i = 0; i < 2; i++) {
    const attn = npz.get(`layer${i}.attn`)!.data;
    let err = 0;
    attn.forEach((v, j) => (err = Math.max(err, Math.abs(v - ref.layers[i]!.attn[j]!))));
    expect(err, `layer ${i} attention`).toBeLessThanOrEqual(1e-4);
    for (const [key, want] of [
      ['q', ref.layers[i]!.q],
      ['scores', ref.layers[i]!.scores],
      ['context', ref.layers[i]!.context],
      ['mlp_hidden', ref.layers[i]!.mlpHidden],
      ['out', ref.layers[i]!.out],
    ] as const) {
      expect(maxRelativeError(npz.get(`layer${i}.${key}`)!.data, want), `layer ${i} ${key}`).toBeLessThanOrEqual(1e-4);
    }
  }
  expect(maxRelativeError(npz.get('logits')!.data, ref.logits!)).toBeLessThanOrEqual(1e-4);
});

test('numpy.load reads the exported trace.npz', async ({ page }) => {
  let hasNumpy = true;
  try {
    execFileSync('python3', ['-c', 'import numpy']);
  } catch {
    hasNumpy = false;
  }
  test.skip(!hasNumpy, 'python3 with numpy is not installed here');
  await page.goto('/');
  await waitReady(page);
  const download = await exportDownload(page);
  const file = join(mkdtempSync(join(tmpdir(), 'vitlens-')), 'trace.npz');
  await download.saveAs(file);
  const script = `import numpy, json, sys
d = numpy.load(sys.argv[1])
print(json.dumps({k: [list(d[k].shape), str(d[k].dtype)] for k in d.files}))`;
  const shapes = JSON.parse(execFileSync('python3', ['-c', script, file]).toString()) as Record<string, [number[], string]>;
  expect(shapes['input']).toEqual([[3, 64, 64], 'float32']);
  expect(shapes['layer5.attn']).toEqual([[4, 65, 65], 'float32']);
  expect(shapes['probs']).toEqual([[10], 'float32']);
  expect(Object.keys(shapes)).toHaveLength(7 + 6 * 13);
  writeFileSync(file, ''); // leave nothing large behind
});

test('a corrupted safetensors file gives a clear error and keeps the previous model working', async ({ page }) => {
  const good = testCheckpoint(SMALL_SPEC, 'huggingface-vit');
  await page.goto('/');
  await waitReady(page);
  await uploadModel(page, good.files);
  // the status may still read 'ready' from the default model for a moment: wait for the new model's prediction
  await expect(page.getByTestId('model-summary')).toContainText('huggingface-vit');
  await expect(page.getByTestId('prediction')).toHaveText(/^(apple|banana|cherry|date|elderberry|fig)$/);
  await waitReady(page);
  const prediction = await page.getByTestId('prediction').textContent();

  const broken = testCheckpoint({ ...SMALL_SPEC, seed: 99 }, 'huggingface-vit');
  const weights = broken.files.find((f) => f.name === 'model.safetensors')!;
  weights.buffer = weights.buffer.subarray(0, weights.buffer.length - 100);
  await uploadModel(page, broken.files);
  await waitState(page, 'error');
  await expect(page.getByTestId('error-message')).toContainText('model.safetensors');
  await expect(page.getByTestId('error-message')).toContainText(/outside the data area.*truncated or corrupt/);
  await expect(page.getByTestId('prediction')).toHaveText(prediction!);

  // the previous model still runs
  await uploadImage(page, stripes);
  await waitReady(page);
  await expect(page.getByTestId('model-summary')).toContainText('huggingface-vit');
  await expect(page.getByTestId('prediction')).toHaveText(/^(apple|banana|cherry|date|elderberry|fig)$/);
});

test('a checkpoint that does not match its config lists every problem', async ({ page }) => {
  const checkpoint = testCheckpoint(SMALL_SPEC, 'huggingface-vit');
  const config = checkpoint.files.find((f) => f.name === 'config.json')!;
  config.buffer = Buffer.from(
    config.buffer
      .toString()
      .replace('"num_hidden_layers": 3', '"num_hidden_layers": 4')
      .replace('"hidden_size": 32', '"hidden_size": 64'),
  );
  await page.goto('/');
  await waitReady(page);
  await uploadModel(page, checkpoint.files);
  await waitState(page, 'error');
  const message = page.getByTestId('error-message');
  await expect(message).toContainText('does not match config.json');
  await expect(message).toContainText('missing "vit.encoder.layer.3.layernorm_before.weight"');
  await expect(message).toContainText(
    '"vit.embeddings.patch_embeddings.projection.weight" has shape [32, 3, 8, 8], expected [64, 3, 8, 8]',
  );
  await expect(page.getByTestId('prediction')).toHaveText(DEFAULT_CLASSES);
});

test('missing files and unreadable images are refused in plain words', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  const before = await page.getByTestId('prediction').textContent();
  await uploadModel(page, [{ name: 'config.json', mimeType: 'application/json', buffer: Buffer.from('{}') }]);
  await waitState(page, 'error');
  await expect(page.getByTestId('error-message')).toContainText('Missing model.safetensors');

  await uploadImage(page, { name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('this is not an image') });
  await waitState(page, 'error');
  await expect(page.getByTestId('error-message')).toContainText('notes.png: it is a text file, not an image');
  await expect(page.getByTestId('prediction')).toHaveText(before!);
});

test('a bare ViTModel without a classifier gives the trace but no prediction', async ({ page }) => {
  const checkpoint = testCheckpoint({ ...SMALL_SPEC, numClasses: null, labels: [] }, 'huggingface-bare');
  await page.goto('/');
  await waitReady(page);
  await uploadModel(page, checkpoint.files);
  await waitReady(page);
  await expect(page.getByTestId('prediction')).toContainText('no classifier');
  const npz = await exportTrace(page);
  expect(npz.has('logits')).toBe(false);
  expect(npz.get('layer2.attn')!.shape).toEqual([4, 17, 17]);
});

test('?backend=cpu is honoured, and switching backend gives the same prediction', async ({ page }) => {
  await page.goto('/?backend=cpu');
  await waitReady(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'cpu');
  const onCpu = await page.getByTestId('prediction').textContent();
  await page.getByTestId('backend-select').selectOption('wasm');
  await waitReady(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByTestId('prediction')).toHaveText(onCpu!);
});
