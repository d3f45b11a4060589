import type { PreprocessSteps, Pixels } from '../../model/preprocess';
import { PixelsCanvas } from '../common/PixelsCanvas';

export interface PreprocessPanelProps {
  name: string;
  original: Pixels;
  decodeNote: string | null;
  steps: PreprocessSteps;
  /** the preprocessing in words */
  description: string;
  resample: string;
  patchSize: number;
}

const BOX = 116;

/** From the user's pixels to the model's input: original → resized/cropped → normalised → patches. */
export function PreprocessPanel({ name, original, decodeNote, steps, description, resample, patchSize }: PreprocessPanelProps) {
  const S = steps.final.width;
  const grid = S / patchSize;
  return (
    <section className="panel" aria-labelledby="input-title" data-testid="preprocess-panel">
      <h2 id="input-title">Input and preprocessing</h2>
      <p className="explain">{description}.</p>
      <div className="pre-steps">
        <figure>
          <PixelsCanvas
            testId="pre-original"
            pixels={original}
            box={BOX}
            outline={steps.resized ? null : steps.crop}
            label={`${name}, as decoded`}
          />
          <figcaption data-testid="pre-original-size">
            1 · {name}: {steps.original.width} × {steps.original.height}
            {decodeNote && <span className="muted"> ({decodeNote})</span>}
          </figcaption>
        </figure>
        <figure>
          <PixelsCanvas testId="input-preview" pixels={steps.final} box={BOX} label="after resizing and cropping" />
          <figcaption>
            2 · {steps.resized ? `resized to ${steps.resized.width} × ${steps.resized.height}` : 'not resized'}
            {steps.crop && `, centre crop ${steps.crop.width} × ${steps.crop.height} at (${steps.crop.left}, ${steps.crop.top})`}
          </figcaption>
        </figure>
        <figure>
          <div className="ranges" data-testid="pre-ranges">
            {['R', 'G', 'B'].map((c, i) => (
              <div key={c}>
                {c}: {steps.ranges[i]![0].toFixed(2)} … {steps.ranges[i]![1].toFixed(2)}
              </div>
            ))}
          </div>
          <figcaption>
            3 · rescaled and normalised: each channel's range, shape [3, {S}, {S}]
          </figcaption>
        </figure>
        <figure>
          <PixelsCanvas pixels={steps.final} box={BOX} gridCell={patchSize} label={`cut into ${grid} by ${grid} patches`} />
          <figcaption>
            4 · {grid} × {grid} = {grid * grid} patches of {patchSize} px
          </figcaption>
        </figure>
      </div>
      <p className="muted small">
        Resampling: Pillow's {resample} filter, reproduced exactly in the browser (tested pixel for pixel against Pillow), so the
        model sees what it would see in Hugging Face's Python pipeline.
      </p>
    </section>
  );
}
