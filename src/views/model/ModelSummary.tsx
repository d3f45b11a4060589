import type { VitConfig } from '../../model/config';
import type { TokenLayout } from '../../model/tokenLayout';
import type { ModelCardInfo } from '../../model/modelCard';

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
  if (layout.prefix.length === 0) return 'no [CLS]: patches only';
  const names = layout.prefix.map((p) => (p.kind === 'dist' ? `the distillation token ${p.name}` : p.name));
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  const dist = layout.prefix.some((p) => p.kind === 'dist') ? '; logits = mean of the [CLS] and [DIST] heads' : '';
  return `with ${list}${dist}`;
}

/** The model card: where the model came from, how well it does, and its sizes. */
export function ModelSummary({ config, layout, source, naming, numParameters, cost, preprocessorNote, card }: ModelSummaryProps) {
  const headDim = config.hiddenSize / config.numHeads;
  const rows: [string, string][] = [
    ['source', source],
    ...(card?.task ? ([['task', card.task]] as [string, string][]) : []),
    ...(card?.heldout_accuracy !== undefined
      ? ([
          [
            'held-out accuracy',
            `${pct(card.heldout_accuracy)} on ${card.heldout_images ?? '?'} images never trained on${card.chance_accuracy ? ` (chance ${pct(card.chance_accuracy)})` : ''}`,
          ],
        ] as [string, string][])
      : []),
    ...(card?.cls_attention_on_object !== undefined
      ? ([
          [
            'attention on the object',
            `${pct(card.cls_attention_on_object)} of the last layer's [CLS] attention falls on the object, which covers ${pct(card.object_area_share ?? 0)} of the image`,
          ],
        ] as [string, string][])
      : []),
    ...(card?.training_minutes !== undefined
      ? ([
          [
            'trained',
            `${card.training_minutes} min on a 2-core CPU, ${card.training_images_seen?.toLocaleString('en') ?? '?'} images seen; ${card.trained_with ?? ''}`,
          ],
        ] as [string, string][])
      : []),
    ['tensor names', naming],
    ['parameters', numParameters.toLocaleString('en')],
    ['cost per image', cost],
    ['input', `[${config.numChannels}, ${config.imageSize}, ${config.imageSize}]`],
    ['patches', `${layout.gridRows} × ${layout.gridCols} of ${config.patchSize} px`],
    ['tokens T', `${layout.numTokens} (${prefixWords(layout)})`],
    ['width D · heads h · d', `${config.hiddenSize} · ${config.numHeads} · ${headDim}`],
    ['layers', String(config.numLayers)],
    ['MLP width', String(config.intermediateSize)],
    ['position embeddings', config.hasPositionEmbeddings ? 'learned' : 'none: attention cannot tell where a patch was'],
    ['pooling', config.pooling === 'cls' ? '[CLS] token' : 'mean over tokens'],
    ['activation', config.activation === 'gelu_tanh' ? 'GELU (tanh approximation)' : config.activation.toUpperCase()],
    ['preprocessing', preprocessorNote],
  ];
  return (
    <section className="panel" aria-labelledby="model-title">
      <h2 id="model-title">{card?.name ?? 'Model'}</h2>
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
          <h3 className="card-sub">Fixes to the article's code</h3>
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
