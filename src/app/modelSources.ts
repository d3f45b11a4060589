import type { ModelFile } from '../model/loadVit';
import type { ModelSource } from '../worker/protocol';

/**
 * The models ViT Lens ships in public/models/, loaded as files through the same loader a user's
 * files go through. Each folder may also hold a model_card.json.
 */
export const BUILT_IN_MODELS: Record<string, { folder: string; source: string }> = {
  default: { folder: 'models/default/', source: 'the default model, trained by ViT Lens (training/train_default.py)' },
  'seed-toy': {
    folder: 'models/seed-toy/',
    source: "the seed article's toy ViT, trained by ViT Lens (training/train_seed_toy.py)",
  },
};

/** Whether `id` (from the address, untrusted) names a built-in model: its own key, never Object's ('constructor'). */
export const isBuiltInModel = (id: string): boolean => Object.hasOwn(BUILT_IN_MODELS, id);

export const MODEL_FILES = ['config.json', 'model.safetensors', 'preprocessor_config.json'];

/** A built-in model's card, or null when it has none. */
export async function fetchModelCard(folderUrl: string): Promise<string | null> {
  try {
    const response = await fetch(`${folderUrl}model_card.json`);
    return response.ok ? await response.text() : null;
  } catch {
    return null;
  }
}

export function fetchedModelFiles(baseUrl: string, names: string[]): ModelFile[] {
  return names.map((name) => ({
    name,
    arrayBuffer: async () => {
      const response = await fetch(`${baseUrl}${name}`);
      if (!response.ok) throw new Error(`${name}: could not be fetched (HTTP ${response.status})`);
      return response.arrayBuffer();
    },
  }));
}

/** Reads every file once, so a model can be rebuilt (e.g. on another backend) without asking again. */
export async function inMemory(files: ModelFile[]): Promise<ModelFile[]> {
  return Promise.all(
    files.map(async (file) => {
      const bytes = await file.arrayBuffer();
      return { name: file.name, arrayBuffer: async () => bytes };
    }),
  );
}

/**
 * A model source over files read once: the session keeps it to rebuild the model in the engine's
 * worker (e.g. on another backend) without asking again. The memory guard runs when it is built.
 */
export async function filesSource(files: ModelFile[]): Promise<ModelSource> {
  return { kind: 'files', files: await Promise.all(files.map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() }))) };
}
