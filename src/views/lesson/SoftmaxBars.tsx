/**
 * Animation: softmax squeezes a row of scores into weights. The bars of the strongest keys start
 * at their score's height and settle at their weight's height, on one scale from 0 to the largest weight.
 */
import { useRef } from 'react';
import { topIndices } from '../../analysis/rows';
import { AnimationControls } from './AnimationControls';
import { useLessonAnimation } from './useLessonAnimation';
import type { LessonText } from './lessonText';

const SQUEEZE_MS = 1000;
const BARS = 16;

export interface SoftmaxBarsProps {
  scores: ArrayLike<number>;
  weights: ArrayLike<number>;
  width: number;
  height: number;
  text: LessonText;
  tokenWord: (t: number) => string;
  replayKey: string;
}

export function SoftmaxBars({ scores, weights, width, height, text, tokenWord, replayKey }: SoftmaxBarsProps) {
  const box = useRef<HTMLDivElement>(null);
  const top = topIndices(weights, Math.min(BARS, weights.length));
  const maxW = Math.max(1e-12, ...top.map((i) => weights[i]!));
  let lo = Infinity;
  let hi = -Infinity;
  for (const i of top) {
    lo = Math.min(lo, scores[i]!);
    hi = Math.max(hi, scores[i]!);
  }
  const scoreRatio = (i: number) => (hi > lo ? 0.15 + (0.85 * (scores[i]! - lo)) / (hi - lo) : 1);
  const { skip, replay, active } = useLessonAnimation(() => {
    const bars = box.current?.querySelectorAll<HTMLElement>('[data-bar]') ?? [];
    return [...bars].map((el) =>
      el.animate([{ transform: `scaleY(${el.dataset.from})` }, { transform: el.style.transform }], { duration: SQUEEZE_MS, easing: 'ease-in-out' }),
    );
  }, [replayKey]);
  const bw = Math.floor(width / top.length);
  return (
    <div className="lesson-bars-wrap">
      <div ref={box} className="lesson-bars" style={{ width, height }} data-testid="lesson-bars">
        {top.map((i) => (
          <div key={i} className="lesson-bar-slot" style={{ width: bw }} title={`${tokenWord(i)}: ${weights[i]!.toFixed(3)}`}>
            <div className="lesson-sbar" data-bar="" data-from={scoreRatio(i).toFixed(3)} style={{ height, transform: `scaleY(${(weights[i]! / maxW).toFixed(4)})` }} />
          </div>
        ))}
      </div>
      <AnimationControls text={text} active={active} onSkip={skip} onReplay={replay} />
    </div>
  );
}
