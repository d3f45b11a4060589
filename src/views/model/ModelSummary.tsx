import { vitSizes, type VitConfig } from '../../model/config';

export interface ModelSummaryProps {
  config: VitConfig;
  source: string;
  naming: string;
  numParameters: number;
  preprocessorNote: string;
}

/** The loaded model in one glance: where it came from and its sizes. */
export function ModelSummary({ config, source, naming, numParameters, preprocessorNote }: ModelSummaryProps) {
  const { grid, numTokens, headDim } = vitSizes(config);
  const rows: [string, string][] = [
    ['source', source],
    ['tensor names', naming],
    ['parameters', numParameters.toLocaleString('en')],
    ['input', `[${config.numChannels}, ${config.imageSize}, ${config.imageSize}]`],
    ['patches', `${grid} × ${grid} of ${config.patchSize} px`],
    ['tokens T', `${numTokens}${config.hasClassToken ? ' (with [CLS])' : ' (no [CLS])'}`],
    ['width D · heads h · d', `${config.hiddenSize} · ${config.numHeads} · ${headDim}`],
    ['layers', String(config.numLayers)],
    ['MLP width', String(config.intermediateSize)],
    ['position embeddings', config.hasPositionEmbeddings ? 'learned' : 'none'],
    ['pooling', config.pooling === 'cls' ? '[CLS] token' : 'mean over tokens'],
    ['activation', config.activation === 'gelu_tanh' ? 'GELU (tanh approximation)' : config.activation.toUpperCase()],
    ['preprocessing', preprocessorNote],
  ];
  return (
    <section className="panel" aria-labelledby="model-title">
      <h2 id="model-title">Model</h2>
      <dl className="summary" data-testid="model-summary">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
