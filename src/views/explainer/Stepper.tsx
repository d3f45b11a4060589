import { STAGES, LAYER_STAGES, type StageId } from '../../state/stages';
import { STAGE_TEXT } from './stageText';

export interface StepperProps {
  stage: StageId;
  layer: number;
  numLayers: number;
  playing: boolean;
  onStage: (stage: StageId) => void;
  onPlay: () => void;
}

/** The stages in order, as tabs; ← and → move between them. */
export function Stepper({ stage, layer, numLayers, playing, onStage, onPlay }: StepperProps) {
  const index = STAGES.indexOf(stage);
  return (
    <nav className="stepper" aria-label="Stages of the forward pass">
      <button
        type="button"
        onClick={() => onStage(STAGES[Math.max(0, index - 1)]!)}
        disabled={index === 0}
        aria-label="Previous stage (←)"
      >
        ←
      </button>
      <ol>
        {STAGES.map((id, i) => (
          <li key={id}>
            <button
              type="button"
              data-testid={`stage-${id}`}
              className={id === stage ? 'step active' : LAYER_STAGES.has(id) ? 'step in-layer' : 'step'}
              aria-current={id === stage ? 'step' : undefined}
              onClick={() => onStage(id)}
              title={STAGE_TEXT[id].title}
            >
              <span className="step-number">{i + 1}</span> {STAGE_TEXT[id].short}
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        onClick={() => onStage(STAGES[Math.min(STAGES.length - 1, index + 1)]!)}
        disabled={index === STAGES.length - 1}
        aria-label="Next stage (→)"
      >
        →
      </button>
      <button type="button" data-testid="play" onClick={onPlay} aria-pressed={playing}>
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <span className="muted layer-note">{LAYER_STAGES.has(stage) ? `inside encoder layer ${layer} of ${numLayers}` : ''}</span>
    </nav>
  );
}
