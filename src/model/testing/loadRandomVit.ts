/** A small random ViT loaded through the page's own loader, with its float64 canonical weights beside it. */
import { loadVit } from '../loadVit';
import type { VitModel } from '../vitModel';
import { randomCanonicalVit, writeCheckpoint, type CanonicalVit, type RandomVitSpec } from './randomCheckpoint';

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
