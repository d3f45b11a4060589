/** Builds a preset (src/app/presets.ts): random weights in a well-known ViT's shape, in the engine. */
import { parseVitConfig } from '../model/config';
import { defaultPreprocessor } from '../model/preprocessorConfig';
import { randomVitWeights } from '../model/randomWeights';
import { createVitModel } from '../model/vitModel';
import type { LoadedVit } from '../model/loadVit';
import { PRESETS, isPreset } from '../app/presets';

export function buildPreset(id: string): LoadedVit {
  const preset = isPreset(id) ? PRESETS[id] : undefined;
  if (!preset) throw new Error(`?model=${id} is not a known model; use demo or one of ${Object.keys(PRESETS).join(', ')}`);
  return buildRandom(preset.config, preset.numClasses, preset.title);
}

/** Random weights for a config.json's fields. */
export function buildRandom(fields: Record<string, unknown>, numClasses: number, title = 'config.json'): LoadedVit {
  const config = parseVitConfig(JSON.stringify(fields), title);
  return {
    model: createVitModel(config, randomVitWeights(config, numClasses)),
    preprocessor: defaultPreprocessor(config.imageSize),
    fileNames: [],
  };
}
