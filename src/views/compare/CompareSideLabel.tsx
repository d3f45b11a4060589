import { topK } from '../../analysis/topK';
import type { VitTrace } from '../../model/trace';
import { PixelsCanvas } from '../common/PixelsCanvas';
import { t } from '../../i18n';
import { traceClassNames } from '../common/classNames';

export interface CompareSideLabelProps {
  side: 'a' | 'b';
  /** the run, or null while B is not there */
  run: { pixels: ImageData; imageName: string; modelLabel: string; trace: VitTrace } | null;
  /** "layer 2 · head 1" */
  at: string;
}

/** Which run a column is: its letter and colour band, the image the model saw, the model, its top class, the layer and head. */
export function CompareSideLabel({ side, run, at }: CompareSideLabelProps) {
  const letter = side.toUpperCase();
  const top = run?.trace.probs ? topK(run.trace.probs.data, traceClassNames(run.trace), 1)[0] : undefined;
  return (
    <div className={`compare-label compare-side-${side}`} data-testid={`compare-${side}-label`}>
      <strong className="compare-letter">{letter}</strong>
      {run && <PixelsCanvas pixels={run.pixels} box={40} label={t('compare.imageOf', { side: letter, name: run.imageName })} />}
      <span>
        {run ? (
          <>
            {run.imageName} · {run.modelLabel}
            {top && <> · {t('compare.predicts', { label: top.label, p: (top.probability * 100).toFixed(1) })}</>} · {at}
          </>
        ) : (
          '—'
        )}
      </span>
    </div>
  );
}
