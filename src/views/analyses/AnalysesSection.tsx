import { lazy, Suspense, useRef, useState, type ComponentType, type KeyboardEvent } from 'react';
import { PanelBoundary, type PanelErrorReport } from '../common/PanelBoundary';
import type { AnalysisContext, AnalysisText } from './context';
import { ANALYSES } from './texts';
import { t } from '../../i18n';
type PanelProps = { ctx: AnalysisContext; text: AnalysisText };

/** Each panel's code (and what it alone needs: UMAP, the gradient code…) loads when its tab first opens. */
const panel = (load: () => Promise<Record<string, unknown>>, name: string) =>
  lazy(async () => ({ default: (await load())[name] as ComponentType<PanelProps> }));

const PANELS: Record<string, ComponentType<PanelProps>> = {
  rollout: panel(() => import('./RolloutPanel'), 'RolloutPanel'),
  distance: panel(() => import('./DistancePanel'), 'DistancePanel'),
  position: panel(() => import('./PositionPanel'), 'PositionPanel'),
  filters: panel(() => import('./FiltersPanel'), 'FiltersPanel'),
  qk: panel(() => import('./QueryKeyPanel'), 'QueryKeyPanel'),
  ablation: panel(() => import('./AblationPanel'), 'AblationPanel'),
  classmap: panel(() => import('./ClassMapPanel'), 'ClassMapPanel'),
  norms: panel(() => import('./TokenNormPanel'), 'TokenNormPanel'),
  lens: panel(() => import('./LogitLensPanel'), 'LogitLensPanel'),
  faithfulness: panel(() => import('./FaithfulnessPanel'), 'FaithfulnessPanel'),
  mask: panel(() => import('../mask/MaskPanel'), 'MaskPanel'),
};

/** The analyses, one tab each; only the open one computes. Tabs follow the WAI-ARIA pattern (←/→, Home, End). */
export function AnalysesSection({ ctx, onPanelError }: { ctx: AnalysisContext; onPanelError?: PanelErrorReport }) {
  // a mask in the address (?mask=) opens its tab
  const [open, setOpen] = useState(() => (new URLSearchParams(location.search).has('mask') ? 'mask' : ANALYSES[0]!.id));
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const index = ANALYSES.findIndex((a) => a.id === open);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: ANALYSES.length - 1 };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const i = (next + ANALYSES.length) % ANALYSES.length;
    setOpen(ANALYSES[i]!.id);
    tabs.current[i]?.focus();
  };
  const text = ANALYSES[index]!;
  const Panel = PANELS[text.id]!;
  return (
    <section className="panel analyses" aria-labelledby="analyses-title" data-testid="analyses">
      <h2 id="analyses-title">{t('analysesSection.title')}</h2>
      <p className="explain">{t('analysesSection.explain', { count: ANALYSES.length })}</p>
      <div className="analysis-tabs" role="tablist" aria-label={t('analysesSection.title')} onKeyDown={onKeyDown}>
        {ANALYSES.map((a, i) => (
          <button
            key={a.id}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`analysis-tab-${a.id}`}
            data-testid={`analysis-tab-${a.id}`}
            aria-selected={a.id === open}
            aria-controls="analysis-tabpanel"
            tabIndex={a.id === open ? 0 : -1}
            className={a.id === open ? 'active' : undefined}
            onClick={() => setOpen(a.id)}
          >
            <span className="step-number">{i + 1}</span> {a.tab}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="analysis-tabpanel" aria-labelledby={`analysis-tab-${open}`}>
        <PanelBoundary
          key={text.id}
          name={`analysis:${text.id}`}
          title={t('analysesSection.boundary', { title: text.title })}
          model={ctx.modelName}
          resetKeys={[ctx.traceId, ctx.layer, ctx.head]}
          onError={onPanelError}
        >
          <Suspense
            fallback={
              <p className="panel-loading" role="status" data-testid="analysis-loading">
                {t('analysesSection.loading', { title: text.title })}
              </p>
            }
          >
            <Panel ctx={ctx} text={text} />
          </Suspense>
        </PanelBoundary>
      </div>
    </section>
  );
}
