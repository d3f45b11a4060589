import { useEffect } from 'react';
import type { FilterComponents } from '../../analysis/patchFilters';
import { offPage } from '../../worker/offPage';
import { RgbGrid } from '../common/RgbGrid';
import { AnalysisFrame } from './AnalysisFrame';
import { JobControls } from './JobControls';
import type { AnalysisContext, AnalysisText } from './context';
import { t } from '../../i18n';

const COMPONENTS = 16;

export function FiltersPanel({ ctx, text }: { ctx: AnalysisContext; text: AnalysisText }) {
  const { dims, trace } = ctx;
  const C = trace.config.numChannels;
  const width = C * dims.P * dims.P;
  const job = ctx.jobs.job<FilterComponents>('filters', 'model');
  const compute = () =>
    job.start(async (control) => {
      const filters = await ctx.engine.patchFilters();
      // the PCA of ViT-B's 768 filters held the page ~0.5 s: in the analysis worker
      const args = { filters: filters.data, D: dims.D, channels: C, patchSize: dims.P, k: COMPONENTS };
      return offPage('filterComponents', args, control, [filters.data.buffer]);
    });
  // the filters belong to the model, not the image: computed once when the panel opens
  useEffect(() => {
    if (job.state === 'idle' && !job.result) compute();
  }, [job.state, job.result]);
  const f = job.result;
  const shown = f ? f.explained.reduce((a, b) => a + b, 0) : 0;
  return (
    <AnalysisFrame
      text={text}
      shape={t('filters.shape', { D: dims.D, width, n: Math.min(COMPONENTS, dims.D, width), C, P: dims.P })}
    >
      {job.state !== 'done' && <JobControls job={job} action={t('filters.action')} onStart={compute} />}
      {f && (
        <>
          <div className="filter-grid" data-testid="filter-components">
            {f.images.map((rgba, i) => (
              <figure key={i}>
                <RgbGrid
                  rgba={rgba}
                  rows={dims.P}
                  cols={dims.P}
                  width={56}
                  height={56}
                  label={t('filters.label', { i: i + 1 })}
                />
                <figcaption>
                  PC{i + 1} · {(f.explained[i]! * 100).toFixed(1)}%
                </figcaption>
              </figure>
            ))}
          </div>
          <p className="muted">{t('filters.explained', { n: f.images.length, pct: (shown * 100).toFixed(1) })}</p>
        </>
      )}
    </AnalysisFrame>
  );
}
