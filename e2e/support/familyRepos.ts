/** DINOv2 and CLIP checkpoints laid out as Hub repositories, for the stand-in hub (hubServer.ts). */
import { randomCanonicalVit, type Naming, type RandomVitSpec } from '../../src/model/testing/randomCheckpoint';
import { writeCheckpoint } from '../../src/model/testing/checkpointFiles';
import type { BuiltRepo } from './hubRepos';

const SMALL = { hiddenSize: 32, numLayers: 3, numHeads: 4, intermediateSize: 64, numClasses: null } as const;

function repoOf(spec: RandomVitSpec, naming: Naming): BuiltRepo {
  const vit = randomCanonicalVit(spec);
  const { config, safetensors, preprocessor } = writeCheckpoint(vit, naming);
  return {
    vit,
    repo: {
      revisions: { main: { 'config.json': config, 'preprocessor_config.json': preprocessor!, 'model.safetensors': safetensors } },
    },
  };
}

/** Dinov2Model: positions learned on a 12 × 12 grid (48 px), run at its preprocessor's 32 px crop (8 × 8). */
export function dinov2Repo(): BuiltRepo {
  return repoOf(
    { ...SMALL, family: 'dinov2', imageSize: 32, positionImageSize: 48, patchSize: 4, seed: 41 },
    'huggingface-dinov2',
  );
}

/** Dinov2WithRegistersModel: [CLS] + 4 registers, the same sizes. */
export function dinov2RegistersRepo(): BuiltRepo {
  return repoOf(
    { ...SMALL, family: 'dinov2', registers: 4, imageSize: 32, positionImageSize: 48, patchSize: 4, seed: 42 },
    'huggingface-dinov2',
  );
}

/** A full CLIPModel (text tower and int64 buffers in the same file), 32 px, patch 8. */
export function clipRepo(): BuiltRepo {
  return repoOf({ ...SMALL, family: 'clip', imageSize: 32, patchSize: 8, seed: 43 }, 'huggingface-clip');
}
