import type { ModelFile } from '../model/loadVit';

/** The built-in demo checkpoint in public/models/demo/, as files for the same loader a user's files go through. */
export const DEMO_MODEL_FILES = ['config.json', 'model.safetensors', 'preprocessor_config.json'];

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
