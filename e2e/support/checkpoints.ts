/** Checkpoints for the end-to-end tests, as the files a user would pick. */
import { randomCanonicalVit, type CanonicalVit, type Naming, type RandomVitSpec } from '../../src/model/testing/randomCheckpoint';
import { writeCheckpoint } from '../../src/model/testing/checkpointFiles';
import type { SafetensorsDtype } from '../../src/model/safetensors';

export interface UploadFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export interface TestCheckpoint {
  vit: CanonicalVit;
  files: UploadFile[];
}

export const SMALL_SPEC: RandomVitSpec = {
  hiddenSize: 32,
  numLayers: 3,
  numHeads: 4,
  intermediateSize: 64,
  imageSize: 32,
  patchSize: 8,
  numClasses: 6,
  labels: ['apple', 'banana', 'cherry', 'date', 'elderberry', 'fig'],
};

export function testCheckpoint(spec: RandomVitSpec, naming: Naming, dtype: SafetensorsDtype = 'F32'): TestCheckpoint {
  const vit = randomCanonicalVit(spec, dtype);
  const { config, safetensors } = writeCheckpoint(vit, naming, dtype);
  return {
    vit,
    files: [
      // deliberately not in the order the loader reads them
      { name: 'model.safetensors', mimeType: 'application/octet-stream', buffer: Buffer.from(safetensors) },
      { name: 'config.json', mimeType: 'application/json', buffer: Buffer.from(config) },
    ],
  };
}
