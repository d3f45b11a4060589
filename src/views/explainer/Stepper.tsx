import { STAGES, LAYER_STAGES, type StageId } from '../../state/stages';
import { STAGE_TEXT } from './stageText';
import { t } from '../../i18n';

export interface StepperProps {
  stage: StageId;
  layer: number;
  numLayers: number;
  playing: boolean;
  onStage: (stage: StageId) => void;
  /** absent: no play button */
  onPlay?: () => void;
  /** the stages to offer, in order (all of them by default) */
  stages?: readonly StageId[];
  /** a stage's label, where it differs from the standard one */
  labelOf?: (stage: StageId) => string;
}

/** The stages in order, as tabs; ← and → move between them. */
export function Stepper({ stage, layer, numLayers, playing, onStage, onPlay, stages = STAGES, labelOf }: StepperProps) {
  const index = stages.indexOf(stage);
  return (
    <nav className="stepper" aria-label={t('stepper.label')}>
      <button
        type="button"
        onClick={() => onStage(stages[Math.max(0, index - 1)]!)}
        disabled={index === 0}
        aria-label={t('stepper.previous')}
      >
        ←
      </button>
      <ol>
        {stages.map((id, i) => (
          <li key={id}>
            <button
              type="button"
              data-testid={`stage-${id}`}
              className={id === stage ? 'step active' : LAYER_STAGES.has(id) ? 'step in-layer' : 'step'}
              aria-current={id === stage ? 'step' : undefined}
              onClick={() => onStage(id)}
              title={STAGE_TEXT[id].title}
            >
              <span className="step-number">{i + 1}</span> {labelOf?.(id) ?? STAGE_TEXT[id].short}
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        onClick={() => onStage(stages[Math.min(stages.length - 1, index + 1)]!)}
        disabled={index === stages.length - 1}
        aria-label={t('stepper.next')}
      >
        →
      </button>
      {onPlay && (
        <button type="button" data-testid="play" onClick={onPlay} aria-pressed={playing}>
          {playing ? t('stepper.pause') : t('stepper.play')}
        </button>
      )}
      <span className="muted layer-note">
        {LAYER_STAGES.has(stage) && numLayers > 1 ? t('stepper.inLayer', { layer, numLayers }) : ''}
      </span>
    </nav>
  );
}
