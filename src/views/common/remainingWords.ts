import { t } from '../../i18n';
import { roundRemaining } from '../../state/remainingTime';

/** "about 1 min 10 s left", in the page's language, for a job's or a download's time left. */
export function remainingWords(ms: number): string {
  const { minutes, seconds } = roundRemaining(ms);
  if (minutes === 0) return t('job.remainingSeconds', { seconds });
  return seconds === 0 ? t('job.remainingWholeMinutes', { minutes }) : t('job.remainingMinutes', { minutes, seconds });
}
