import type { Job } from '../../state/jobs';
import { t } from '../../i18n';
import { remainingWords } from '../common/remainingWords';

export interface JobControlsProps<T> {
  job: Job<T>;
  /** the button's words, e.g. "Run the curves" */
  action: string;
  onStart: () => void;
  disabled?: boolean;
  /** what it costs, e.g. "88 forward passes" */
  cost?: string;
}

/** Start, progress, cancel and the time taken, for one on-demand computation. */
export function JobControls<T>({ job, action, onStart, disabled, cost }: JobControlsProps<T>) {
  const running = job.state === 'running';
  return (
    <div className="job-controls">
      <button type="button" data-testid="analysis-run" onClick={onStart} disabled={disabled || running}>
        {job.state === 'done' ? t('job.again', { action }) : action}
      </button>
      {cost && <span className="muted">{cost}</span>}
      {running && (
        <>
          <progress data-testid="analysis-progress" max={1} value={job.progress} aria-label={t('job.progress', { action })} />
          <span className="muted">{Math.round(job.progress * 100)}%</span>
          {job.remainingMs !== null && (
            <span className="muted" data-testid="analysis-remaining">
              {remainingWords(job.remainingMs)}
            </span>
          )}
          <button type="button" data-testid="analysis-cancel" onClick={job.cancel}>
            {t('common.cancel')}
          </button>
        </>
      )}
      {job.state === 'done' && job.ms !== null && (
        <span className="muted" data-testid="analysis-time">
          {t('job.took', { time: job.ms >= 1000 ? `${(job.ms / 1000).toFixed(1)} s` : `${job.ms.toFixed(0)} ms` })}
        </span>
      )}
      <JobError job={job} as="span" />
    </div>
  );
}

/** What went wrong in a job, where it failed (nothing otherwise): beside its controls, or under a figure it feeds. */
export function JobError<T>({ job, as: Tag = 'p' }: { job: Job<T>; as?: 'p' | 'span' }) {
  return job.state === 'error' ? (
    <Tag className="job-error" role="alert">
      {job.error}
    </Tag>
  ) : null;
}
