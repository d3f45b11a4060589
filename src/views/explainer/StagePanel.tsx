import { useEffect, type ComponentType } from 'react';
import { LAYER_STAGES, type StageId } from '../../state/stages';
import { Formula, prepareFormulas } from '../common/Formula';
import { PanelBoundary, type PanelErrorReport } from '../common/PanelBoundary';
import { STAGE_TEXT, type StageText } from './stageText';
import type { StageProps } from '../stages/stageProps';
import { PatchesStage } from '../stages/PatchesStage';
import { PatchEmbeddingStage } from '../stages/PatchEmbeddingStage';
import { PositionStage } from '../stages/PositionStage';
import { Norm1Stage } from '../stages/Norm1Stage';
import { QkvStage } from '../stages/QkvStage';
import { ScoresStage } from '../stages/ScoresStage';
import { ContextStage } from '../stages/ContextStage';
import { AttnOutStage } from '../stages/AttnOutStage';
import { MlpStage } from '../stages/MlpStage';
import { ClassifierStage } from '../stages/ClassifierStage';
import { FigureExport } from '../figure/FigureExport';
import { t } from '../../i18n';

const VIEWS: Record<StageId, ComponentType<StageProps>> = {
  patches: PatchesStage,
  'patch-embedding': PatchEmbeddingStage,
  position: PositionStage,
  norm1: Norm1Stage,
  qkv: QkvStage,
  scores: ScoresStage,
  context: ContextStage,
  'attn-out': AttnOutStage,
  mlp: MlpStage,
  classifier: ClassifierStage,
};

export interface StagePanelProps extends StageProps {
  /** other words or views for some stages (the seed's attention demo has no LayerNorm, MLP or residual) */
  overrides?: Partial<Record<StageId, { text?: StageText; view?: ComponentType<StageProps> }>>;
  /** show the layer selector on layer stages */
  layerPicker?: boolean;
  /** the model, in words, for a failure's message */
  modelName: string;
  onPanelError?: PanelErrorReport;
}

/** One stage: what happens in plain words, its formula, this model's shapes, and the real numbers. */
export function StagePanel({ overrides, layerPicker = true, modelName, onPanelError, ...props }: StagePanelProps) {
  const { stage, layer, head } = props.selection;
  const text = overrides?.[stage]?.text ?? STAGE_TEXT[stage];
  const View = overrides?.[stage]?.view ?? VIEWS[stage];
  const inLayer = LAYER_STAGES.has(stage) && layerPicker;
  const usesHead = stage === 'qkv' || stage === 'scores' || stage === 'context';
  // every stage's formula for this model, typeset while the page is idle: a first visit to a stage then costs no typesetting
  const { dims } = props;
  useEffect(() => prepareFormulas(Object.values(STAGE_TEXT).map((s) => s.formula(dims))), [dims]);
  return (
    <section className="panel stage-panel" data-testid="stage-panel" data-stage={stage} aria-labelledby="stage-title">
      <header className="stage-head">
        <h2 id="stage-title">
          {text.title}
          {inLayer && <span className="muted"> · {t('common.layerN', { layer })}</span>}
          {usesHead && <span className="muted"> · {t('common.headN', { head })}</span>}
        </h2>
        {(inLayer || usesHead) && (
          <div className="controls-row">
            {inLayer && (
              <label>
                {t('common.layer')}{' '}
                <select value={layer} onChange={(e) => props.onSelect({ layer: Number(e.target.value) })}>
                  {props.trace.layers.map((_, i) => (
                    <option key={i} value={i}>
                      {i}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {usesHead && (
              <label>
                {t('common.head')}{' '}
                <select value={head} onChange={(e) => props.onSelect({ head: Number(e.target.value) })}>
                  {Array.from({ length: props.dims.h }, (_, i) => (
                    <option key={i} value={i}>
                      {i}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
        )}
        <FigureExport name={text.title} layer={inLayer ? layer : undefined} head={usesHead ? head : undefined} />
      </header>
      <PanelBoundary
        name={`stage:${stage}`}
        title={t('stagePanel.boundary', { title: text.title })}
        model={modelName}
        resetKeys={[props.trace, stage, layer, head, props.selection.query]}
        onError={onPanelError}
      >
        <p className="explain">{text.summary(props.dims)}</p>
        <Formula tex={text.formula(props.dims)} />
        <p className="shapes" data-testid="stage-shapes">
          {t('stagePanel.shapes')} {text.shapes(props.dims)}
        </p>
        <View {...props} />
      </PanelBoundary>
    </section>
  );
}
