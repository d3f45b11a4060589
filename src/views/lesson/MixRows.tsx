/** Animation: the value rows with the largest weights flow into one output row, z = Σ weight × v. */
import { useRef } from 'react';
import { AnimationControls } from './AnimationControls';
import { Strip } from './Strip';
import { useLessonAnimation } from './useLessonAnimation';
import type { LessonText } from './lessonText';

const FLOW_MS = 1100;
const ROW_GAP = 40;

export interface MixRowsProps {
  /** the top tokens, their weights and value rows [d] */
  rows: { token: number; weight: number; v: Float32Array }[];
  output: Float32Array;
  width: number;
  text: LessonText;
  tokenWord: (t: number) => string;
  replayKey: string;
}

export function MixRows({ rows, output, width, text, tokenWord, replayKey }: MixRowsProps) {
  const box = useRef<HTMLDivElement>(null);
  const out = useRef<HTMLDivElement>(null);
  const { skip, replay, active } = useLessonAnimation(() => {
    const els = [...(box.current?.querySelectorAll<HTMLElement>('[data-vrow]') ?? [])];
    const moving = els.map((el, i) =>
      el.animate(
        [
          { transform: 'translateY(0px)', opacity: 1 },
          { transform: `translateY(${(els.length - i) * ROW_GAP}px)`, opacity: Number(el.dataset.weight) },
        ],
        { duration: FLOW_MS, delay: i * 60, easing: 'ease-in' },
      ),
    );
    const appear = out.current ? [out.current.animate([{ opacity: 0 }, { opacity: 0 }, { opacity: 1 }], { duration: FLOW_MS + 300 })] : [];
    return [...moving, ...appear];
  }, [replayKey]);
  return (
    <div className="lesson-mix">
      <div ref={box}>
        {rows.map((r) => (
          <div key={r.token} className="lesson-mix-row" data-vrow="" data-weight={Math.max(0.15, Math.min(1, r.weight * 3)).toFixed(3)}>
            <span className="lesson-mix-weight">{r.weight.toFixed(3)} ×</span>
            <Strip values={r.v} label={`v · ${tokenWord(r.token)}`} width={width} height={14} />
          </div>
        ))}
      </div>
      <div ref={out} className="lesson-mix-out">
        <span className="lesson-mix-weight">z =</span>
        <Strip values={output} label="z = A · V" width={width} height={20} testId="lesson-output-row" />
      </div>
      <AnimationControls text={text} active={active} onSkip={skip} onReplay={replay} />
    </div>
  );
}
