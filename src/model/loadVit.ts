/**
 * Loads a ViT from the files of a Hugging Face (or timm) model folder, given in any order:
 * `config.json`, `model.safetensors` (or its shards, or a `pytorch_model.bin`, read without running
 * its pickle) and optionally `preprocessor_config.json`.
 * Everything is parsed and checked before any tensor is created, so a bad file costs nothing.
 */
import { parseVitConfig, type VitConfig } from './config';
import { atInputSize } from './familyConfig';
import { isClipVisionTensor } from './familyWeights';
import { nonFiniteWarnings } from './nonFinite';
import { defaultPreprocessor, inputSizeOf, parsePreprocessorConfig, type PreprocessorConfig } from './preprocessorConfig';
import { readSafetensors, type RawTensor } from './safetensors';
import { asTimmConfig, timmPreprocessor, timmVitConfig } from './timmConfig';
import { createVitModel, type VitModel } from './vitModel';
import { hasDistillationTensor, mapWeights } from './weights';
import { baseName, isWeights, missingModelFiles } from './modelFileNames';

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
  /** problems that do not stop the model (NaN or Inf weights), each naming the tensor */
  warnings?: string[];
}

export class ModelFilesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFilesError';
  }
}

/** Reads every weights file (one, or the shards of a sharded checkpoint) into one map. */
async function readAllTensors(weightFiles: ModelFile[], keep?: (name: string) => boolean): Promise<Map<string, RawTensor>> {
  const all = new Map<string, RawTensor>();
  for (const file of weightFiles) {
    const name = baseName(file.name);
    const bytes = await file.arrayBuffer();
    // the pytorch_model.bin reader (a zip and a restricted pickle machine) loads only for such a file
    const tensors = name.endsWith('.bin')
      ? (await import('./torchBin')).readTorchBin(bytes, name, keep)
      : readSafetensors(bytes, name, keep);
    for (const [key, tensor] of tensors) {
      if (all.has(key)) throw new ModelFilesError(`${name}: tensor "${key}" is also in another shard; the shards disagree`);
      all.set(key, tensor);
    }
  }
  return all;
}

export interface LoadVitOptions {
  /**
   * Called with the config before the model is built (for a Hugging Face config, before the
   * weights are even read); throwing stops the load with nothing allocated: the memory guard.
   */
  beforeBuild?: (config: VitConfig, numClasses: number) => Promise<void> | void;
}

export async function loadVit(files: ModelFile[], options: LoadVitOptions = {}): Promise<LoadedVit> {
  const byName = new Map(files.map((f) => [baseName(f.name), f]));
  const configFile = byName.get('config.json');
  const weightFiles = files
    .filter((f) => isWeights(baseName(f.name)))
    .sort((a, b) => baseName(a.name).localeCompare(baseName(b.name)));
  const missing = missingModelFiles(files.map((f) => f.name));
  if (missing.length > 0) {
    const given = files.map((f) => baseName(f.name)).join(', ') || 'nothing';
    throw new ModelFilesError(
      `Missing ${missing.join(' and ')} (you gave: ${given}). Choose the files of a Hugging Face model folder.`,
    );
  }
  const configName = baseName(configFile!.name);
  const configText = new TextDecoder().decode(await configFile!.arrayBuffer());
  const timm = asTimmConfig(configText);
  // A Hugging Face config is checked before the (large) weights are read.
  const hfConfig = timm ? null : parseVitConfig(configText, configName);
  if (hfConfig) await options.beforeBuild?.(hfConfig, hfConfig.labels.length);
  const weightsName = weightFiles.map((f) => baseName(f.name)).join(' + ');
  // a CLIPModel file holds the text tower too: only the vision tensors are read
  const tensors = await readAllTensors(weightFiles, hfConfig?.family === 'clip' ? isClipVisionTensor : undefined);
  let config: VitConfig = timm ? timmVitConfig(timm, tensors, configName) : hfConfig!;
  if (timm) await options.beforeBuild?.(config, config.labels.length);
  if (config.hasClassToken && !config.hasDistillationToken && hasDistillationTensor(new Set(tensors.keys()))) {
    config = { ...config, hasDistillationToken: true };
  }
  const preFile = byName.get('preprocessor_config.json');
  const preprocessor = preFile
    ? parsePreprocessorConfig(new TextDecoder().decode(await preFile.arrayBuffer()), config.imageSize, baseName(preFile.name))
    : timm
      ? timmPreprocessor(timm, config.imageSize)
      : defaultPreprocessor(config.imageSize);
  // DINOv2 learned its positions at 518 px and runs at the preprocessor's crop (224 px): the grid follows the input
  if (preFile && config.positionGridSize !== undefined)
    config = atInputSize(config, inputSizeOf(preprocessor, configName), configName);
  const { weights, naming } = mapWeights(tensors, config, weightsName);
  const warnings = nonFiniteWarnings(tensors, weightsName);
  return {
    model: createVitModel(config, weights, naming),
    preprocessor,
    fileNames: [configFile!, ...weightFiles, ...(preFile ? [preFile] : [])].map((f) => baseName(f.name)),
    warnings,
  };
}
