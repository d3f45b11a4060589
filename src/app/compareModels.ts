/**
 * Run B's model for a comparison: the one place that makes it (and so the one place that touches
 * tfjs for B). It builds a built-in model or a preset from its id and hands back its analysis
 * engine, what it is, and how to free it.
 */
import type { AnalysisEngine } from '../analysis/engine';
import { parseVitConfig, type VitConfig } from '../model/config';
import { loadVit, type LoadedVit } from '../model/loadVit';
import type { PreprocessorConfig } from '../model/preprocessorConfig';
import { tokenLayoutOf, type TokenLayout } from '../model/tokenLayout';
import { disposeVitModel } from '../model/vitModel';
import { analysisEngine } from './analysisEngine';
import { BUILT_IN_MODELS, MODEL_FILES, fetchedModelFiles } from './modelSources';
import { buildPreset, PRESETS } from './presets';
import { t } from '../i18n';

/** The models B can be, in the picker's order, with their names from the catalogue. */
const CHOICE_LABELS: Record<string, () => string> = {
  default: () => t('models.default'),
  'random-default': () => t('models.randomDefault'),
  'seed-toy': () => t('models.seedToy'),
  'random-seed-toy': () => t('models.randomSeedToy'),
  'random-vit-ti': () => t('models.randomTi'),
  'random-vit-b': () => t('models.randomB'),
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
  const label = CHOICE_LABELS[id];
  if (!label) throw new Error(`${id} is not a model to compare with`);
  let config: VitConfig;
  let numClasses: number;
  if (id in PRESETS) {
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
 * Builds model B. `beforeBuild` sees the config before a weight is read or a tensor made (the
 * memory guard); throwing there stops it with nothing allocated.
 */
export async function buildCompareModel(
  id: string,
  beforeBuild: (config: VitConfig, numClasses: number) => Promise<void>,
): Promise<CompareModel> {
  const info = await compareModelInfo(id);
  let loaded: LoadedVit;
  if (id in PRESETS) {
    await beforeBuild(info.config, info.numClasses);
    loaded = buildPreset(id);
  } else {
    loaded = await loadVit(fetchedModelFiles(folderOf(id), MODEL_FILES), { beforeBuild });
  }
  const engine = analysisEngine(
    { ...loaded, source: info.label, id, build: async () => loaded, card: null },
    import.meta.env.BASE_URL,
  );
  let disposed = false;
  return {
    engine,
    info: { ...info, config: loaded.model.config, layout: tokenLayoutOf(loaded.model.config), preprocessor: loaded.preprocessor },
    dispose: () => {
      if (!disposed) disposeVitModel(loaded.model);
      disposed = true;
    },
  };
}
