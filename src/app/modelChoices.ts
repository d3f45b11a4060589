/** The built-in models the picker offers, and the page that opens one. */
import { t } from '../i18n';
import { PRESET_LABELS } from './presetLabels';
import type { ModelChoice } from '../views/controls/ModelPicker';

/** A built-in model for the picker; its label is read from the catalogue each time, so it follows the language. */
const choice = (id: string, label: () => string): ModelChoice => ({
  id,
  get label() {
    return label();
  },
});

export const MODEL_CHOICES: ModelChoice[] = [
  choice('default', () => t('models.default')),
  choice('seed-toy', () => t('models.seedToy')),
  choice('mhsa', () => t('models.mhsa')),
  choice('random-vit-ti', PRESET_LABELS['random-vit-ti']!),
  choice('random-vit-b', PRESET_LABELS['random-vit-b']!),
];

/** what a new model's page keeps from the address: what is not about the old model */
const KEPT_PARAMS = ['backend', 'hub', 'lang', 'theme', 'palette', 'lesson', 'present'];

/** The query string of the page for model `id`, from the current one (`search`); the view's selection starts over. */
export function modelSearch(search: string, id: string): string {
  const params = new URLSearchParams();
  const current = new URLSearchParams(search);
  for (const key of KEPT_PARAMS) {
    const value = current.get(key);
    if (value) params.set(key, value);
  }
  params.set('model', id);
  return params.toString();
}

/**
 * Opens another built-in model: a fresh page that keeps from the address what is not about the old
 * model (backend, hub, language, colours, theme, the lesson's step); the view's selection starts over.
 */
export function openModel(id: string) {
  location.search = modelSearch(location.search, id);
}
