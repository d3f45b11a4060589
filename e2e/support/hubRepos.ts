/** Generated checkpoints laid out as Hub repositories, for the stand-in hub (hubServer.ts). */
import { writeSafetensors } from '../../src/model/safetensorsWriter';
import { writeTorchBin } from '../../src/model/testing/torchBinWriter';
import { randomCanonicalVit, type CanonicalVit, type Naming, type RandomVitSpec } from '../../src/model/testing/randomCheckpoint';
import { namedTensors, timmConfigJson, writeCheckpoint } from '../../src/model/testing/checkpointFiles';
import { CONVERSION_BOT, CONVERSION_PR_TITLE } from '../../src/platform/hub/resolveHubFiles';
import type { HubRepo } from './hubServer';
import { SMALL_SPEC } from './checkpoints';

export const HUB_SPEC: RandomVitSpec = SMALL_SPEC;

export const PREPROCESSOR = JSON.stringify({
  do_resize: true,
  size: { height: 32, width: 32 },
  resample: 2,
  do_rescale: true,
  do_normalize: true,
  image_mean: [0.485, 0.456, 0.406],
  image_std: [0.229, 0.224, 0.225],
});

export interface BuiltRepo {
  repo: HubRepo;
  vit: CanonicalVit;
}

/** config.json, preprocessor_config.json and one model.safetensors on main. */
export function unshardedRepo(spec: RandomVitSpec = HUB_SPEC, naming: Naming = 'huggingface-vit'): BuiltRepo {
  const vit = randomCanonicalVit(spec);
  const { config, safetensors } = writeCheckpoint(vit, naming);
  return {
    vit,
    repo: {
      revisions: { main: { 'config.json': config, 'preprocessor_config.json': PREPROCESSOR, 'model.safetensors': safetensors } },
    },
  };
}

/** The same weights split over two shards listed by model.safetensors.index.json. */
export function shardedRepo(spec: RandomVitSpec = HUB_SPEC): BuiltRepo {
  const vit = randomCanonicalVit(spec);
  const tensors = Object.entries(namedTensors(vit, 'huggingface-vit'));
  const half = Math.ceil(tensors.length / 2);
  const names = ['model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors'];
  const parts = [tensors.slice(0, half), tensors.slice(half)];
  const weightMap = Object.fromEntries(parts.flatMap((part, i) => part.map(([name]) => [name, names[i]!])));
  const main: Record<string, Uint8Array | string> = {
    'config.json': writeCheckpoint(vit, 'huggingface-vit').config,
    'model.safetensors.index.json': JSON.stringify({ metadata: { total_size: 0 }, weight_map: weightMap }),
  };
  parts.forEach((part, i) => (main[names[i]!] = writeSafetensors(Object.fromEntries(part))));
  return { vit, repo: { revisions: { main } } };
}

/**
 * DeiT with a distillation token, laid out as facebook/deit-* are: only pytorch_model.bin on
 * main, the safetensors on the conversion bot's pull request refs/pr/3.
 */
export function deitDistilledRepo(): BuiltRepo {
  const vit = randomCanonicalVit({ ...HUB_SPEC, distilled: true, seed: 21 });
  const { config, safetensors } = writeCheckpoint(vit, 'huggingface-deit');
  const bin = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]);
  return {
    vit,
    repo: {
      revisions: {
        main: { 'config.json': config, 'pytorch_model.bin': bin },
        'refs/pr/3': { 'config.json': config, 'pytorch_model.bin': bin, 'model.safetensors': safetensors },
      },
      discussions: [
        { num: 1, title: 'Update README.md', status: 'open', isPullRequest: true, author: { name: 'someone' } },
        { num: 3, title: CONVERSION_PR_TITLE, status: 'open', isPullRequest: true, author: { name: CONVERSION_BOT } },
      ],
    },
  };
}

/** A DINO-shaped ViTModel: no classifier, no labels, bare tensor names. */
export function dinoRepo(): BuiltRepo {
  return unshardedRepo({ ...HUB_SPEC, numClasses: null, labels: [], seed: 22 }, 'huggingface-bare');
}

/** timm's layout: its own config.json (architecture + pretrained_cfg) and timm tensor names. */
export function timmRepo(): BuiltRepo {
  const vit = randomCanonicalVit({ ...HUB_SPEC, hiddenSize: 48, numHeads: 3, seed: 23 });
  const { safetensors } = writeCheckpoint(vit, 'timm');
  return {
    vit,
    repo: {
      revisions: { main: { 'config.json': timmConfigJson(vit, 'deit_tiny_patch8_32'), 'model.safetensors': safetensors } },
    },
  };
}

/** Only pytorch_model.bin (torch.save's zip format) and no conversion pull request. */
export function binOnlyRepo(): BuiltRepo {
  const vit = randomCanonicalVit({ ...HUB_SPEC, seed: 24 });
  const { config } = writeCheckpoint(vit, 'huggingface-vit');
  return {
    vit,
    repo: {
      revisions: { main: { 'config.json': config, 'pytorch_model.bin': writeTorchBin(namedTensors(vit, 'huggingface-vit')) } },
    },
  };
}
