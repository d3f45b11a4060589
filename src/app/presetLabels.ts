/** Each preset's name in the interface's language: the picker's, the comparison's and the model card's. */
import { t } from '../i18n';

export const PRESET_LABELS: Record<string, () => string> = {
  'random-vit-ti': () => t('models.randomTi'),
  'random-vit-b': () => t('models.randomB'),
  'random-vit-l-384': () => t('models.randomL384'),
  'random-vit-h-14': () => t('models.randomH14'),
  'random-default': () => t('models.randomDefault'),
  'random-seed-toy': () => t('models.randomSeedToy'),
};

/** A preset's name in the interface's language; null when `id` (untrusted) names no preset. */
export const presetLabel = (id: string): string | null => (Object.hasOwn(PRESET_LABELS, id) ? PRESET_LABELS[id]!() : null);
