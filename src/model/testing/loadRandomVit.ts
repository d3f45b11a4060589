/** A small random ViT loaded through the page's own loader, with its float64 canonical weights beside it. */
import { loadVit } from '../loadVit';
import type { VitModel } from '../vitModel';
import { randomCanonicalVit, type CanonicalVit, type RandomVitSpec } from './randomCheckpoint';
import { writeCheckpoint } from './checkpointFiles';

function memoryFile(name: string, bytes: Uint8Array) {
  return { name, arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer };
}

export async function loadRandomVit(spec: RandomVitSpec): Promise<{ vit: CanonicalVit; model: VitModel }> {
  const vit = randomCanonicalVit(spec);
  const files = writeCheckpoint(vit, 'huggingface-vit');
  const loaded = await loadVit([
    memoryFile('model.safetensors', files.safetensors),
    memoryFile('config.json', new TextEncoder().encode(files.config)),
  ]);
  return { vit, model: loaded.model };
}

/** The small model most tests use: 16 × 16 pixels, patch 4 (16 patches + [CLS]), width 16, 2 layers, 2 heads, 5 classes. */
export const SMALL_VIT: RandomVitSpec = {
  hiddenSize: 16,
  numLayers: 2,
  numHeads: 2,
  intermediateSize: 32,
  imageSize: 16,
  patchSize: 4,
  numClasses: 5,
};

/** max |got − want| over max |want|. */
export function maxRelativeError(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let diff = 0;
  let scale = 1e-12;
  for (let i = 0; i < want.length; i++) {
    diff = Math.max(diff, Math.abs(got[i]! - want[i]!));
    scale = Math.max(scale, Math.abs(want[i]!));
  }
  return diff / scale;
}
