import { prefersReducedMotion } from './useLessonAnimation';
import type { LessonText } from './lessonText';

/** Skip (while an animation runs) and play again; nothing under reduced motion. */
export function AnimationControls({ text, active, onSkip, onReplay }: { text: LessonText; active: boolean; onSkip: () => void; onReplay: () => void }) {
  if (prefersReducedMotion()) return null;
  return (
    <div className="lesson-anim-controls">
      {active ? (
        <button type="button" data-testid="lesson-skip" onClick={onSkip}>
          {text.ui.skip}
        </button>
      ) : (
        <button type="button" data-testid="lesson-replay" onClick={onReplay}>
          {text.ui.replay}
        </button>
      )}
    </div>
  );
}
