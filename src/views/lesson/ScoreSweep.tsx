import { t } from '../../i18n';
/**
 * Animation: the query row q meets every key row of K in turn (a marker sweeping over Kᵀ) and
 * leaves a row of T scores behind it (revealed in step with the marker).
 */
import { useRef } from 'react';
import { interpolateRdBu } from 'd3-scale-chromatic';
import { symmetricDomain } from '../../analysis/rows';
import { HeatmapCanvas } from '../common/HeatmapCanvas';
import { AnimationControls } from './AnimationControls';
import { useLessonAnimation } from './useLessonAnimation';
import type { LessonText } from './lessonText';

const SWEEP_MS = 1200;
const diverging = (t: number) => interpolateRdBu(1 - t);

export interface ScoreSweepProps {
  /** [d] the query row */
  q: Float32Array;
  /** [T, d] the head's keys */
  k: Float32Array;
  /** [T] the raw scores of the query row */
  scores: Float32Array;
  T: number;
  d: number;
  width: number;
  text: LessonText;
  /** re-run when the query changes */
  replayKey: string;
}

function transpose(m: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(m.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = m[r * cols + c]!;
  return out;
}

export function ScoreSweep({ q, k, scores, T, d, width, text, replayKey }: ScoreSweepProps) {
  const marker = useRef<HTMLDivElement>(null);
  const curtain = useRef<HTMLDivElement>(null);
  const kHeight = Math.min(160, Math.max(64, d * 4));
  const { skip, replay, active } = useLessonAnimation(() => {
    if (!marker.current || !curtain.current) return [];
    return [
      marker.current.animate([{ transform: 'translateX(0px)', opacity: 1 }, { transform: `translateX(${width}px)`, opacity: 1 }], {
        duration: SWEEP_MS,
        easing: 'linear',
        fill: 'none',
      }),
      curtain.current.animate([{ transform: 'scaleX(1)' }, { transform: 'scaleX(0)' }], { duration: SWEEP_MS, easing: 'linear', fill: 'none' }),
    ];
  }, [replayKey]);
  return (
    <div className="lesson-sweep">
      <div className="lesson-sweep-row">
        <figure className="lesson-strip">
          <figcaption>q [{d}]</figcaption>
          <HeatmapCanvas values={q} rows={d} cols={1} domain={symmetricDomain(q)} interpolator={diverging} width={22} height={kHeight} label="q" testId="lesson-q" />
        </figure>
        <span className="lesson-op">·</span>
        <figure className="lesson-strip">
          <figcaption>
            Kᵀ [{d}, {T}]
          </figcaption>
          <div className="lesson-sweep-k" style={{ width, height: kHeight }}>
            <HeatmapCanvas values={transpose(k, T, d)} rows={d} cols={T} domain={symmetricDomain(k)} interpolator={diverging} width={width} height={kHeight} label={t('lessonLabels.kT')} />
            <div ref={marker} className="lesson-sweep-marker" style={{ height: kHeight, opacity: 0 }} />
          </div>
        </figure>
      </div>
      <figure className="lesson-strip lesson-sweep-scores">
        <figcaption>
          q · Kᵀ [{T}]
        </figcaption>
        <div className="lesson-sweep-k" style={{ width, marginLeft: 52 }}>
          <HeatmapCanvas values={scores} rows={1} cols={T} domain={symmetricDomain(scores)} interpolator={diverging} width={width} height={26} label={t('lessonLabels.scores')} testId="lesson-scores" />
          <div ref={curtain} className="lesson-sweep-curtain" style={{ transform: 'scaleX(0)' }} />
        </div>
      </figure>
      <AnimationControls text={text} active={active} onSkip={skip} onReplay={replay} />
    </div>
  );
}
