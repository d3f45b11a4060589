import type { VitConfig } from '../../model/config';
import type { TokenLayout } from '../../model/tokenLayout';
import type { ModelCardInfo } from '../../model/modelCard';
import { currentLang, t, type Lang } from '../../i18n';

export interface ModelSummaryProps {
  config: VitConfig;
  /** the trace's tokens: prefix tokens by name, the grid */
  layout: TokenLayout;
  source: string;
  naming: string;
  numParameters: number;
  /** multiply-adds per image, formatted */
  cost: string;
  preprocessorNote: string;
  card: ModelCardInfo | null;
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** What comes before the patches, for the card: "with [CLS]", "with [CLS] and the distillation token [DIST]; …". */
function prefixWords(layout: TokenLayout): string {
  if (layout.prefix.length === 0) return t('card.noPrefix');
  const names = layout.prefix.map((p) => (p.kind === 'dist' ? t('card.distToken', { name: p.name }) : p.name));
  const list =
    names.length === 1 ? names[0] : t('card.list', { head: names.slice(0, -1).join(t('card.comma')), last: names.at(-1) });
  const dist = layout.prefix.some((p) => p.kind === 'dist') ? t('card.distLogits') : '';
  return t('card.withPrefix', { list, dist });
}

/** The card's own words in the chosen language, where the card file has them (a "zh-CN" object beside the English). */
function localCard(card: ModelCardInfo | null): ModelCardInfo | null {
  if (!card) return null;
  const local = (card as ModelCardInfo & Partial<Record<Lang, Partial<ModelCardInfo>>>)[currentLang()];
  return local && typeof local === 'object' ? { ...card, ...local } : card;
}

/** The model card: where the model came from, how well it does, and its sizes. */
export function ModelSummary({
  config,
  layout,
  source,
  naming,
  numParameters,
  cost,
  preprocessorNote,
  card: cardIn,
}: ModelSummaryProps) {
  const card = localCard(cardIn);
  const headDim = config.hiddenSize / config.numHeads;
  const locale = currentLang() === 'zh-CN' ? 'zh-CN' : 'en';
  const rows: [string, string][] = [
    [t('card.source'), source],
    ...(card?.task ? ([[t('card.task'), card.task]] as [string, string][]) : []),
    ...(card?.heldout_accuracy !== undefined
      ? ([
          [
            t('card.heldout'),
            t('card.heldoutValue', {
              acc: pct(card.heldout_accuracy),
              n: card.heldout_images ?? '?',
              chance: card.chance_accuracy ? t('card.chance', { chance: pct(card.chance_accuracy) }) : '',
            }),
          ],
        ] as [string, string][])
      : []),
    ...(card?.cls_attention_on_object !== undefined
      ? ([
          [
            t('card.onObject'),
            t('card.onObjectValue', { share: pct(card.cls_attention_on_object), area: pct(card.object_area_share ?? 0) }),
          ],
        ] as [string, string][])
      : []),
    ...(card?.training_minutes !== undefined
      ? ([
          [
            t('card.trained'),
            t('card.trainedValue', {
              minutes: card.training_minutes,
              seen: card.training_images_seen?.toLocaleString(locale) ?? '?',
              with: card.trained_with ?? '',
            }),
          ],
        ] as [string, string][])
      : []),
    // 'direct': made in code (a preset), so no file's tensor names
    [t('card.naming'), naming === 'direct' ? t('card.namingDirect') : naming],
    [t('card.parameters'), numParameters.toLocaleString(locale)],
    [t('card.cost'), cost],
    [t('card.input'), `[${config.numChannels}, ${config.imageSize}, ${config.imageSize}]`],
    [t('card.patches'), t('card.patchesValue', { rows: layout.gridRows, cols: layout.gridCols, P: config.patchSize })],
    [t('card.tokens'), `${layout.numTokens} (${prefixWords(layout)})`],
    [t('card.dims'), `${config.hiddenSize} · ${config.numHeads} · ${headDim}`],
    [t('card.layers'), String(config.numLayers)],
    [t('card.mlpWidth'), String(config.intermediateSize)],
    [t('card.position'), config.hasPositionEmbeddings ? t('card.learned') : t('card.noPosition')],
    [t('card.pooling'), config.pooling === 'cls' ? t('card.poolCls') : t('card.poolMean')],
    [t('card.activation'), config.activation === 'gelu_tanh' ? t('card.geluTanh') : config.activation.toUpperCase()],
    [t('card.preprocessing'), preprocessorNote],
  ];
  return (
    <section className="panel" aria-labelledby="model-title">
      <h2 id="model-title">{card?.name ?? t('modelPicker.label')}</h2>
      <dl className="summary" data-testid="model-summary">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {card?.heads_note && <p className="muted small">{card.heads_note}</p>}
      {card?.fixes && (
        <>
          <h3 className="card-sub">{t('card.fixes')}</h3>
          <ul className="fixes" data-testid="model-fixes">
            {card.fixes.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
