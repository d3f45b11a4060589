/**
 * Writes the page's built-in demo checkpoint to public/models/demo/: a small ViT with seeded
 * random (untrained) weights, in Hugging Face format, loaded through the same loader as a user's
 * files. Re-run with `npx tsx scripts/make-demo-model.ts`; the output is committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { randomCanonicalVit, writeCheckpoint } from '../src/model/testing/randomCheckpoint';

const labels = Array.from({ length: 10 }, (_, i) => `class ${i}`);
const vit = randomCanonicalVit(
  {
    hiddenSize: 64,
    numLayers: 4,
    numHeads: 4,
    intermediateSize: 256,
    imageSize: 64,
    patchSize: 8,
    numClasses: labels.length,
    labels,
    seed: 2026,
  },
  'F16',
);
const files = writeCheckpoint(vit, 'huggingface-vit', 'F16');
const dir = new URL('../public/models/demo/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('config.json', dir), files.config + '\n');
writeFileSync(new URL('model.safetensors', dir), files.safetensors);
writeFileSync(
  new URL('preprocessor_config.json', dir),
  JSON.stringify(
    {
      do_resize: true,
      size: { height: 64, width: 64 },
      do_rescale: true,
      rescale_factor: 1 / 255,
      do_normalize: true,
      image_mean: [0.5, 0.5, 0.5],
      image_std: [0.5, 0.5, 0.5],
    },
    null,
    2,
  ) + '\n',
);
console.log(`wrote ${files.safetensors.length} bytes of weights to ${dir.pathname}`);
