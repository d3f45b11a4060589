import type { PreprocessSteps, Pixels } from '../../model/preprocess';
import { PixelsCanvas } from '../common/PixelsCanvas';
import { t } from '../../i18n';
import type { Resample } from '../../model/pilResize';
import { resampleWord } from './preprocessWords';

export interface PreprocessPanelProps {
  name: string;
  original: Pixels;
  decodeNote: string | null;
  steps: PreprocessSteps;
  /** the preprocessing in words */
  description: string;
  resample: Resample;
  patchSize: number;
}

const BOX = 116;

/** From the user's pixels to the model's input: original → resized/cropped → normalised → patches. */
export function PreprocessPanel({ name, original, decodeNote, steps, description, resample, patchSize }: PreprocessPanelProps) {
  const S = steps.final.width;
  const grid = S / patchSize;
  return (
    <section className="panel" aria-labelledby="input-title" data-testid="preprocess-panel">
      <h2 id="input-title">{t('preprocess.title')}</h2>
      <p className="explain">{description}.</p>
      <div className="pre-steps">
        <figure>
          <PixelsCanvas
            testId="pre-original"
            pixels={original}
            box={BOX}
            outline={steps.resized ? null : steps.crop}
            label={t('preprocess.asDecoded', { name })}
          />
          <figcaption data-testid="pre-original-size">
            1 · {name}: {steps.original.width} × {steps.original.height}
            {decodeNote && <span className="muted"> ({decodeNote})</span>}
          </figcaption>
        </figure>
        <figure>
          <PixelsCanvas testId="input-preview" pixels={steps.final} box={BOX} label={t('preprocess.afterResize')} />
          <figcaption>
            2 ·{' '}
            {steps.resized
              ? t('preprocess.resized', { w: steps.resized.width, h: steps.resized.height })
              : t('preprocess.notResized')}
            {steps.crop &&
              t('preprocess.crop', { w: steps.crop.width, h: steps.crop.height, left: steps.crop.left, top: steps.crop.top })}
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
            3 · {t('preprocess.normalised')} [3, {S}, {S}]
          </figcaption>
        </figure>
        <figure>
          <PixelsCanvas pixels={steps.final} box={BOX} gridCell={patchSize} label={t('preprocess.cut', { grid })} />
          <figcaption>4 · {t('preprocess.patches', { grid, n: grid * grid, P: patchSize })}</figcaption>
        </figure>
      </div>
      <p className="muted small">{t('preprocess.resampling', { resample: resampleWord(resample) })}</p>
    </section>
  );
}
