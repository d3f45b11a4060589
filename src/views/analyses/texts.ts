import type { AnalysisText } from './context';
import { t } from '../../i18n';

const IDS = [
  'rollout',
  'distance',
  'position',
  'filters',
  'qk',
  'ablation',
  'classmap',
  'norms',
  'lens',
  'faithfulness',
  'mask',
] as const;

/** An analysis's words, read from the catalogue (src/i18n/locales/…/analyses.ts) each time, so they follow the language. */
function text(id: string): AnalysisText {
  const k = (field: string) => t(`analyses.${id}.${field}`);
  return {
    id,
    get tab() {
      return k('tab');
    },
    get title() {
      return k('title');
    },
    get what() {
      return k('what');
    },
    get how() {
      return k('how');
    },
    get source() {
      return k('source');
    },
  };
}

/** Each analysis's explanation, as data, in the order of the tabs. */
export const ANALYSES: AnalysisText[] = IDS.map(text);
