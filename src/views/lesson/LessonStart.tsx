import { LESSON_TEXT, type LessonLang } from './lessonText';
import './lesson.css';

/** "Take the guided lesson": the lesson's door on the first screen. */
export function LessonStart({ onStart, lang = 'en' }: { onStart: () => void; lang?: LessonLang }) {
  return (
    <button type="button" className="lesson-start" data-testid="lesson-start" onClick={onStart}>
      {LESSON_TEXT[lang].ui.start} →
    </button>
  );
}
