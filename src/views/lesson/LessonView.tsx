/**
 * The guided lesson: the seed article's path through the ViT in LESSON_STEPS order, on the
 * loaded model and image. One step at a time (hook `lesson-step`, data-step = 1-based number);
 * → / space and ← walk it; presenter mode fills the screen with large type for a classroom.
 */
import { useCallback, useEffect, useMemo, useState, type ComponentType } from 'react';
import { tokenToPatch } from '../../model/tokenLayout';
import type { AnalysisContext } from '../analyses/context';
import { PanelBoundary } from '../common/PanelBoundary';
import { LESSON_STEPS, LESSON_TEXT, fill, type LessonLang, type LessonStepId } from './lessonText';
import type { LessonCtx, LessonState } from './lessonContext';
import { EmbeddingStep, PatchesStep, PositionStep, TokensStep } from './steps/inputSteps';
import { AnalogyStep, MixStep, QkvStep, ScoresStep, SoftmaxStep } from './steps/attentionSteps';
import { AddNormStep, HeadsStep, LayersStep, MlpStep, PredictionStep, ProjectionStep } from './steps/blockSteps';
import './lesson.css';

const STEP_VIEWS: Record<LessonStepId, ComponentType<{ lc: LessonCtx }>> = {
  patches: PatchesStep,
  embedding: EmbeddingStep,
  tokens: TokensStep,
  position: PositionStep,
  qkv: QkvStep,
  analogy: AnalogyStep,
  scores: ScoresStep,
  softmax: SoftmaxStep,
  mix: MixStep,
  heads: HeadsStep,
  projection: ProjectionStep,
  mlp: MlpStep,
  addnorm: AddNormStep,
  layers: LayersStep,
  prediction: PredictionStep,
};

/** steps whose picture follows the chosen layer / head */
const LAYER_STEPS: readonly LessonStepId[] = ['qkv', 'analogy', 'scores', 'softmax', 'mix', 'heads', 'projection', 'mlp', 'addnorm'];
const HEAD_STEPS: readonly LessonStepId[] = ['qkv', 'analogy', 'scores', 'softmax', 'mix'];

export interface LessonViewProps {
  ctx: AnalysisContext;
  /** 1-based */
  step: number;
  onStep: (step: number) => void;
  present: boolean;
  onPresent: (present: boolean) => void;
  onExit: () => void;
  lang?: LessonLang;
}

export function LessonView({ ctx, step, onStep, present, onPresent, onExit, lang = 'en' }: LessonViewProps) {
  const text = LESSON_TEXT[lang];
  const { trace, dims } = ctx;
  const { layout } = trace;
  const id = LESSON_STEPS[step - 1] ?? LESSON_STEPS[0];
  const total = LESSON_STEPS.length;
  const [state, setState] = useState<LessonState>(() => initialState(ctx));
  const [pointer, setPointer] = useState<string | null>(null);
  // a new model can have fewer layers, heads or tokens
  useEffect(() => setState((s) => clampState(s, ctx)), [ctx]);
  const set = useCallback((change: Partial<LessonState>) => setState((s) => ({ ...s, ...change })), []);

  const tokenWord = useCallback(
    (t: number) => {
      const patch = tokenToPatch(layout, t);
      return patch === null ? (layout.prefix[t]?.name ?? `#${t}`) : fill(text.ui.tokenPatch, { patch, token: t });
    },
    [layout, text],
  );
  const go = useCallback((n: number) => onStep(Math.min(Math.max(1, n), total)), [onStep, total]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest?.('input, select, textarea, [contenteditable="true"]')) return; // i18n-ignore
      const onButton = !!target?.closest?.('button');
      let handled = true;
      if (event.key === 'ArrowRight' || (event.key === ' ' && !onButton) || event.key === 'PageDown') go(step + 1);
      else if (event.key === 'ArrowLeft' || event.key === 'PageUp') go(step - 1);
      else if (event.key === 'Escape' && present) onPresent(false);
      else handled = false;
      // captured before the explainer's own ←/→, which then leaves the stage alone
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [go, step, present, onPresent]);

  const size = present ? 270 : 240;
  const lc: LessonCtx = { ctx, text, state, set, size, point: setPointer, tokenWord };
  const stepText = text.steps[id];
  const values = useMemo(
    () => ({
      g: layout.gridCols,
      N: dims.N,
      P: dims.P,
      raw: dims.P * dims.P * 3,
      D: dims.D,
      T: dims.T,
      d: dims.d,
      sqrtd: Math.sqrt(dims.d).toFixed(2),
      h: dims.h,
      M: dims.M,
      act: dims.act,
      L: trace.config.numLayers,
    }),
    [layout, dims, trace],
  );
  const View = STEP_VIEWS[id];
  return (
    <section className={`lesson${present ? ' lesson-present' : ''}`} data-testid="lesson" lang={lang} aria-label={text.ui.title}>
      <div className="lesson-bar">
        <strong className="lesson-title">{text.ui.title}</strong>
        <span className="lesson-progress" data-testid="lesson-progress">
          {fill(text.ui.stepOf, { n: step, total })}
        </span>
        <button type="button" data-testid="lesson-prev" onClick={() => go(step - 1)} disabled={step <= 1}>
          {text.ui.prev}
        </button>
        <button type="button" data-testid="lesson-next" onClick={() => go(step + 1)} disabled={step >= total}>
          {text.ui.next}
        </button>
        <button type="button" data-testid="present-toggle" aria-pressed={present} onClick={() => onPresent(!present)}>
          {present ? text.ui.leavePresent : text.ui.present}
        </button>
        <button type="button" data-testid="lesson-exit" onClick={onExit}>
          {text.ui.exit}
        </button>
      </div>
      <article className="lesson-step" data-testid="lesson-step" data-step={step} data-step-id={id} key={id}>
        <div className="lesson-side">
          <h2>
            <span className="lesson-step-number">{step}.</span> {stepText.title}
          </h2>
          <div className="lesson-text">
            {stepText.say.map((s) => (
              <p key={s}>{fill(s, values)}</p>
            ))}
            <p className="lesson-look">
              <strong>{text.ui.look}:</strong> {fill(stepText.look, values)}
            </p>
            <p className="lesson-try" data-testid="lesson-try">
              <strong>{text.ui.tryThis}:</strong> {fill(stepText.tryThis, values)}
            </p>
          </div>
          <p className="lesson-pointer" data-testid="lesson-pointer" aria-live="off">
            {pointer ? `${text.ui.pointer}: ${pointer}` : '\u00a0'}
          </p>
          <p className="muted lesson-keys">{text.ui.keys}</p>
        </div>
        <div className="lesson-main">
          {(LAYER_STEPS.includes(id) || HEAD_STEPS.includes(id)) && (
            <div className="lesson-controls">
              {LAYER_STEPS.includes(id) && (
                <label>
                  {text.ui.layer} <strong>{state.layer}</strong>
                  <input
                    type="range"
                    min={0}
                    max={trace.config.numLayers - 1}
                    value={state.layer}
                    data-testid="lesson-layer"
                    aria-label={text.ui.layer}
                    onChange={(e) => set({ layer: Number(e.currentTarget.value) })}
                  />
                </label>
              )}
              {HEAD_STEPS.includes(id) && (
                <span className="lesson-head-buttons" role="group" aria-label={text.ui.head}>
                  {text.ui.head}:
                  {Array.from({ length: dims.h }, (_, h) => (
                    <button key={h} type="button" aria-pressed={state.head === h} data-testid={`lesson-head-${h}`} onClick={() => set({ head: h })}>
                      {h}
                    </button>
                  ))}
                </span>
              )}
            </div>
          )}
          <PanelBoundary name={`lesson:${id}`} title={stepText.title} model={ctx.modelName} resetKeys={[ctx.traceId, id]}>
            <View lc={lc} />
          </PanelBoundary>
        </div>
      </article>
    </section>
  );
}

function centrePatchToken(ctx: AnalysisContext): number {
  const { layout } = ctx.trace;
  const patch = Math.floor(layout.gridRows / 2) * layout.gridCols + Math.floor(layout.gridCols / 2);
  return layout.prefix.length + patch;
}

function initialState(ctx: AnalysisContext): LessonState {
  return {
    query: centrePatchToken(ctx),
    head: 0,
    layer: 0,
    scale: 1 / Math.sqrt(ctx.dims.d),
    depth: ctx.trace.config.numLayers - 1,
    pickedClass: null,
  };
}

function clampState(s: LessonState, ctx: AnalysisContext): LessonState {
  const clamp = (v: number, hi: number) => Math.min(Math.max(0, v), hi);
  const L = ctx.trace.config.numLayers;
  return {
    ...s,
    query: s.query < ctx.dims.T ? s.query : centrePatchToken(ctx),
    head: clamp(s.head, ctx.dims.h - 1),
    layer: clamp(s.layer, L - 1),
    depth: clamp(s.depth, L - 1),
    pickedClass: s.pickedClass !== null && s.pickedClass < ctx.dims.C ? s.pickedClass : null,
  };
}
