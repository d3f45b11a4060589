import { t } from '../../i18n';
import './lesson.css';

/** "Take the guided lesson": the lesson's door on the first screen (the lesson itself loads when opened). */
export function LessonStart({ onStart }: { onStart: () => void }) {
  return (
    <button type="button" className="lesson-start" data-testid="lesson-start" onClick={onStart}>
      {t('lessonLabels.start')} →
    </button>
  );
}
