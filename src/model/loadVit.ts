/**
 * Loads a ViT from the files of a Hugging Face model folder, given in any order:
 * `config.json`, `model.safetensors` and optionally `preprocessor_config.json`.
 * Everything is parsed and checked before any tensor is created, so a bad file costs nothing.
 */
import { parseVitConfig } from './config';
import { defaultPreprocessor, parsePreprocessorConfig, type PreprocessorConfig } from './preprocessorConfig';
import { readSafetensors } from './safetensors';
import { createVitModel, type VitModel } from './vitModel';
import { mapWeights } from './weights';

/** What the loader needs of a file: a browser File satisfies it. */
export interface ModelFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface LoadedVit {
  model: VitModel;
  preprocessor: PreprocessorConfig;
  /** names of the files that were used, for display */
  fileNames: string[];
}

export class ModelFilesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFilesError';
  }
}

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

export async function loadVit(files: ModelFile[]): Promise<LoadedVit> {
  const byName = new Map(files.map((f) => [baseName(f.name), f]));
  const configFile = byName.get('config.json');
  const weightsFile = byName.get('model.safetensors') ?? files.find((f) => baseName(f.name).endsWith('.safetensors'));
  const missing = [!configFile && 'config.json', !weightsFile && 'model.safetensors'].filter(Boolean);
  if (missing.length > 0) {
    const given = files.map((f) => baseName(f.name)).join(', ') || 'nothing';
    throw new ModelFilesError(
      `Missing ${missing.join(' and ')} (you gave: ${given}). Choose the files of a Hugging Face model folder.`,
    );
  }
  const config = parseVitConfig(new TextDecoder().decode(await configFile!.arrayBuffer()), baseName(configFile!.name));
  const preFile = byName.get('preprocessor_config.json');
  const preprocessor = preFile
    ? parsePreprocessorConfig(new TextDecoder().decode(await preFile.arrayBuffer()), config.imageSize, baseName(preFile.name))
    : defaultPreprocessor(config.imageSize);
  const weightsName = baseName(weightsFile!.name);
  const tensors = readSafetensors(await weightsFile!.arrayBuffer(), weightsName);
  const { weights, naming } = mapWeights(tensors, config, weightsName);
  return {
    model: createVitModel(config, weights, naming),
    preprocessor,
    fileNames: [configFile, weightsFile, preFile].filter((f): f is ModelFile => !!f).map((f) => baseName(f.name)),
  };
}
