/**
 * Run B's model for a comparison: the one place that asks the engine for it. B is a second model
 * in the engine's worker (a second handle beside A's); this hands back its analysis engine, what it
 * is, and how to free it.
 */
import type { AnalysisEngine } from '../analysis/engine';
import { parseVitConfig, type VitConfig } from '../model/config';
import type { PreprocessorConfig } from '../model/preprocessorConfig';
import { tokenLayoutOf, type TokenLayout } from '../model/tokenLayout';
import type { EngineClient } from '../worker/engineClient';
import type { ModelSource } from '../worker/protocol';
import { analysisEngine } from './analysisEngine';
import { BUILT_IN_MODELS, MODEL_FILES, fetchedModelFiles, filesSource } from './modelSources';
import { PRESETS, isPreset } from './presets';
import { PRESET_LABELS } from './presetLabels';
import { t } from '../i18n';

/** The models B can be, in the picker's order, with their names from the catalogue. */
const CHOICE_LABELS: Record<string, () => string> = {
  default: () => t('models.default'),
  'random-default': PRESET_LABELS['random-default']!,
  'seed-toy': () => t('models.seedToy'),
  'random-seed-toy': PRESET_LABELS['random-seed-toy']!,
  'random-vit-ti': PRESET_LABELS['random-vit-ti']!,
  'random-vit-b': PRESET_LABELS['random-vit-b']!,
};

export const COMPARE_MODEL_IDS = Object.keys(CHOICE_LABELS);

export interface CompareModelInfo {
  id: string;
  label: string;
  config: VitConfig;
  numClasses: number;
  layout: TokenLayout;
}

export interface CompareModel {
  engine: AnalysisEngine;
  info: CompareModelInfo & { preprocessor: PreprocessorConfig };
  dispose: () => void;
}

const folderOf = (id: string) => `${import.meta.env.BASE_URL}${BUILT_IN_MODELS[id]!.folder}`;

/** What a model B would be, from its config alone (nothing built): for the picker and the memory check. */
export async function compareModelInfo(id: string): Promise<CompareModelInfo> {
  const label = Object.hasOwn(CHOICE_LABELS, id) ? CHOICE_LABELS[id] : undefined;
  if (!label) throw new Error(`${id} is not a model to compare with`);
  let config: VitConfig;
  let numClasses: number;
  if (isPreset(id)) {
    config = parseVitConfig(JSON.stringify(PRESETS[id]!.config), PRESETS[id]!.title);
    numClasses = PRESETS[id]!.numClasses;
  } else {
    const response = await fetch(`${folderOf(id)}config.json`);
    if (!response.ok) throw new Error(`${id}: config.json could not be fetched (HTTP ${response.status})`);
    config = parseVitConfig(await response.text());
    numClasses = config.labels.length;
  }
  return { id, label: label(), config, numClasses, layout: tokenLayoutOf(config) };
}

/**
 * Builds model B in the engine's worker. `beforeBuild` sees the config before a weight is read or a
 * tensor made (the memory guard); throwing there stops it with nothing allocated.
 */
export async function buildCompareModel(
  id: string,
  client: EngineClient,
  beforeBuild: (config: VitConfig, numClasses: number) => Promise<void>,
): Promise<CompareModel> {
  const info = await compareModelInfo(id);
  let source: ModelSource;
  if (isPreset(id)) {
    await beforeBuild(info.config, info.numClasses);
    source = { kind: 'preset', id };
  } else {
    source = await filesSource(fetchedModelFiles(folderOf(id), MODEL_FILES));
  }
  const built = await client.call('buildModel', { source }, { guard: beforeBuild });
  const engine = analysisEngine(built, import.meta.env.BASE_URL, client);
  let disposed = false;
  return {
    engine,
    info: { ...info, config: built.model.config, layout: tokenLayoutOf(built.model.config), preprocessor: built.preprocessor },
    dispose: () => {
      if (!disposed) void client.call('disposeModel', { handle: built.handle }).catch(() => {});
      disposed = true;
    },
  };
}
