/** The names the analyses' panels give token rows and the curves' orderings, in the interface's language. */
import type { Curve, HeadOfMap } from '../../analysis/faithfulness';
import { imageRowKind } from '../../analysis/rollout';
import type { TokenLayout } from '../../model/tokenLayout';
import { t } from '../../i18n';

/** The attention row a map over the image reads: [CLS]'s, or the tokens' mean without [CLS]. */
export const imageRowLabel = (layout: TokenLayout): string =>
  t(imageRowKind(layout) === 'cls' ? 'analysesSection.rowCls' : 'analysesSection.rowMean');

/** "layer 2 head 1 [CLS] attention" */
export const headMapLabel = ({ layer, head, row }: HeadOfMap): string =>
  t(row === 'cls' ? 'faithfulness.curve.headCls' : 'faithfulness.curve.headMean', { layer, head });

/** The orderings the analysis names in English (faithfulness.ts), by their catalogue keys. */
const KNOWN_CURVES: Record<string, string> = {
  rollout: 'faithfulness.curve.rollout',
  'class map': 'faithfulness.curve.classmap', // i18n-ignore: the analysis's name, shown through the catalogue
  random: 'faithfulness.curve.random',
};

/** A curve's name: its head's map, a known ordering, or the analysis's own name. */
export function curveLabel(curve: Pick<Curve, 'name' | 'head'>): string {
  if (curve.head) return headMapLabel(curve.head);
  const key = Object.hasOwn(KNOWN_CURVES, curve.name) ? KNOWN_CURVES[curve.name] : undefined;
  return key ? t(key) : curve.name;
}
