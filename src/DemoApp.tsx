/**
 * The seed article's attention demo (`?model=mhsa`): its `main()` runs one
 * Attention(embed_dim=96, num_heads=8, qkv_bias=False) on a random [4, 16, 96] input. The same
 * stage views as the real models show every step for the chosen sample of the batch.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { chooseBackend, isBackendName, type BackendInfo } from './platform/backend';
import { DEMO, runAttentionDemo, type AttentionDemoResult } from './model/attentionDemo';
import type { VitTrace } from './model/trace';
import type { VitConfig } from './model/config';
import { INITIAL_SELECTION, navigate, type Selection } from './state/selection';
import type { StageId } from './state/stages';
import { Stepper } from './views/explainer/Stepper';
import { StagePanel } from './views/explainer/StagePanel';
import { STAGE_TEXT, type StageText } from './views/explainer/stageText';
import type { ModelDims } from './analysis/modelDims';
import { makeTokenLayout } from './model/tokenLayout';
import { ProjectionStage } from './views/stages/ProjectionStage';
import { AttentionPanel } from './views/attention/AttentionPanel';
import { OverviewGrid } from './views/attention/OverviewGrid';
import type { AppState } from './state/appState';
import { StatusBar } from './views/status/StatusBar';
import { PanelBoundary } from './views/common/PanelBoundary';
import { t, useLang } from './i18n';
import { LangSelect } from './i18n/LangSelect';

const STAGES: readonly StageId[] = ['qkv', 'scores', 'context', 'attn-out'];
const { batch: B, tokens: T, embedDim: D, heads: H } = DEMO;
const d = D / H;

// the demo as a one-layer model of 16 tokens, so the explainer's views can show it
const CONFIG: VitConfig = {
  hiddenSize: D,
  numLayers: 1,
  numHeads: H,
  intermediateSize: 0,
  activation: 'gelu',
  imageSize: 4,
  patchSize: 1,
  numChannels: 3,
  qkvBias: false,
  layerNormEps: 1e-6,
  hasClassToken: false,
  hasPositionEmbeddings: false,
  pooling: 'mean',
  labels: [],
};
// 16 tokens, no prefix: laid out 4 × 4 only so the explainer's views can draw them
const LAYOUT = makeTokenLayout([], 4, 4, false);
const DIMS: ModelDims = {
  layout: LAYOUT,
  S: 0,
  P: 0,
  g: 4,
  N: T,
  T,
  D,
  h: H,
  d,
  M: 0,
  C: 0,
  hasPos: false,
  pooling: 'mean',
  act: 'GELU',
  actTex: '\\operatorname{GELU}',
};

/** A stage's words from the catalogue, read each time (so they follow the language), with some parts replaced. */
function words(base: StageText, own: Partial<StageText> & { titleKey?: string; shortKey?: string }): StageText {
  return {
    get title() {
      return own.titleKey ? t(own.titleKey) : base.title;
    },
    get short() {
      return own.shortKey ? t(own.shortKey) : base.short;
    },
    summary: own.summary ?? base.summary,
    formula: own.formula ?? base.formula,
    shapes: own.shapes ?? base.shapes,
  };
}

const OVERRIDES: Partial<Record<StageId, { text?: StageText; view?: typeof ProjectionStage }>> = {
  qkv: {
    text: words(STAGE_TEXT.qkv, {
      summary: () => t('demo.qkvSummary', { D, D3: 3 * D, H, d }),
      formula: () => `[Q, K, V] = X\\,W_{qkv},\\quad W_{qkv} \\in \\mathbb{R}^{${D} \\times ${3 * D}}`,
      shapes: () =>
        `x [${B}, ${T}, ${D}] → qkv [${B}, ${T}, ${3 * D}] → q, k, v [${B}, ${H}, ${T}, ${d}] ${t('demo.thisSample', { shape: `[${H}, ${T}, ${d}]` })}`,
    }),
  },
  scores: {
    text: words(STAGE_TEXT.scores, {
      shapes: () =>
        // i18n-ignore: tensor names, as the article's code names them
        `q · kᵀ × ${d}^-0.5 → softmax: attention weights [${B}, ${H}, ${T}, ${T}] ${t('demo.thisSample', { shape: `[${H}, ${T}, ${T}]` })}`,
    }),
  },
  context: {
    text: words(STAGE_TEXT.context, {
      shapes: () => `attn · v → [${B}, ${H}, ${T}, ${d}] → transpose, reshape → [${B}, ${T}, ${D}]`, // i18n-ignore: tensor operations
    }),
  },
  'attn-out': {
    text: words(STAGE_TEXT['attn-out'], {
      titleKey: 'demo.projTitle',
      shortKey: 'demo.projShort',
      summary: () => t('demo.projSummary'),
      formula: () => `z = \\operatorname{concat}(\\text{heads})\\,W_{\\text{proj}} + b`,
      shapes: () => `output [${B}, ${T}, ${D}], attention weights [${B}, ${H}, ${T}, ${T}]`, // i18n-ignore: tensor names
    }),
    view: ProjectionStage,
  },
};

const tokenName = (token: number) => t('demo.token', { token });

export function DemoApp() {
  useLang(); // the page re-renders in the chosen language
  const [backend, setBackend] = useState<BackendInfo | null>(null);
  const [result, setResult] = useState<AttentionDemoResult | null>(null);
  const [state, setState] = useState<AppState>('loading');
  const [error, setError] = useState<string | null>(null);
  const [sample, setSample] = useState(0);
  const [selection, setSelection] = useState<Selection>({ ...INITIAL_SELECTION, stage: 'qkv' });
  const select = useCallback((change: Partial<Selection>) => setSelection((old) => ({ ...old, ...change })), []);

  useEffect(() => {
    const requested = new URLSearchParams(location.search).get('backend');
    chooseBackend(isBackendName(requested) ? requested : null).then(setBackend, (e: Error) => setError(e.message));
  }, []);
  useEffect(() => {
    if (!backend) return;
    setState('running');
    runAttentionDemo(sample).then(
      (r) => {
        setResult(r);
        setState('ready');
      },
      (e: Error) => {
        setError(e.message);
        setState('error');
      },
    );
  }, [backend, sample]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || (event.target as HTMLElement | null)?.closest?.('input, select, textarea')) return;
      const next = navigate(selection, event.key, 1, H, STAGES);
      if (next) {
        event.preventDefault();
        setSelection(next);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selection]);

  const trace: VitTrace | null = useMemo(() => {
    if (!result) return null;
    const empty = { data: new Float32Array(0), shape: [0] };
    return {
      config: CONFIG,
      layout: LAYOUT,
      input: empty,
      patchTokens: empty,
      embeddings: result.layer.norm1,
      layers: [result.layer],
      finalNorm: empty,
      pooled: empty,
      logits: null,
      probs: null,
    };
  }, [result]);

  return (
    <div className="app">
      <header>
        <h1>
          ViT Lens <span className="tagline">{t('demo.tagline')}</span>
        </h1>
        <div className="toolbar">
          <a href="?model=default">{t('demo.back')}</a>
          <label>
            {t('demo.sample')}{' '}
            <select data-testid="demo-sample" value={sample} onChange={(e) => setSample(Number(e.target.value))}>
              {Array.from({ length: B }, (_, i) => (
                <option key={i} value={i}>
                  {i}
                </option>
              ))}
            </select>
          </label>
          <LangSelect />
          <span data-testid="backend" data-backend={backend?.name ?? ''} className="muted">
            {backend?.detail ?? t('app.starting')}
          </span>
        </div>
        <p className="explain" data-testid="demo-shapes">
          Attention(embed_dim={D}, num_heads={H}, qkv_bias=False){' '}
          {t('demo.input', { shape: `[${B}, ${T}, ${D}]`, seed: DEMO.seed })}{' '}
          {t('demo.outputs', {
            output: result ? `[${result.output.shape.join(', ')}]` : '…',
            weights: result ? `[${result.weights.shape.join(', ')}]` : '…',
          })}
        </p>
        <StatusBar
          state={state}
          message={state === 'ready' ? t('demo.ready', { sample }) : t('demo.running')}
          error={error}
          onDismissError={() => setError(null)}
        />
      </header>
      {trace && (
        <>
          <Stepper
            stage={selection.stage}
            layer={0}
            numLayers={1}
            playing={false}
            onStage={(stage) => select({ stage })}
            stages={STAGES}
            labelOf={(id) => OVERRIDES[id]?.text?.short ?? STAGE_TEXT[id].short}
          />
          <main className="demo-main">
            <StagePanel
              trace={trace}
              dims={DIMS}
              selection={selection}
              onSelect={select}
              pixels={new ImageData(1, 1)}
              tokenName={tokenName}
              overrides={OVERRIDES}
              layerPicker={false}
              modelName={t('demo.name')}
            />
            <PanelBoundary
              name="attention:matrix"
              title={t('attention.matrixView')}
              model={t('demo.name')}
              resetKeys={[trace, selection.head]}
            >
              <AttentionPanel trace={trace} selection={{ ...selection, layer: 0 }} onSelect={select} tokenLabel={tokenName} />
            </PanelBoundary>
            <PanelBoundary
              name="attention:overview"
              title={t('attention.overviewView')}
              model={t('demo.name')}
              resetKeys={[trace]}
            >
              <section className="panel">
                <h2>{t('demo.allHeads', { H })}</h2>
                <OverviewGrid
                  trace={trace}
                  layer={0}
                  head={selection.head}
                  scale={selection.colorScale}
                  onPick={(_, head) => select({ head })}
                />
              </section>
            </PanelBoundary>
          </main>
        </>
      )}
    </div>
  );
}
