import { useEffect, useMemo, useState } from 'react';
import { usePalette } from '../common/palette';
import { classMapOf } from '../../analysis/classMap';
import { rolloutMapOf } from '../../analysis/rollout';
import { extent } from '../../analysis/rows';
import { ColorLegend } from '../common/ColorLegend';
import { AnalysisFrame } from './AnalysisFrame';
import { JobControls } from './JobControls';
import { ClassSelect, topClass } from './classSelect';
import { PatchMap } from './PatchMap';
import type { AnalysisContext, AnalysisText } from './context';
import { t } from '../../i18n';
import { imageRowLabel } from './mapNames';

export function ClassMapPanel({ ctx, text }: { ctx: AnalysisContext; text: AnalysisText }) {
  const palette = usePalette();
  const { dims, trace } = ctx;
  const [chosen, setChosen] = useState(() => topClass(ctx));
  const job = ctx.jobs.job<{ map: Float32Array; classIndex: number }>(`classmap:${chosen}`);
  useEffect(() => setChosen(topClass(ctx)), [ctx.traceId]);
  const rollout = useMemo(
    () => rolloutMapOf(trace, { fusion: 'mean', discardRatio: 0, upToLayer: trace.layers.length - 1 }),
    [trace],
  );
  if (!trace.probs) {
    return (
      <AnalysisFrame text={text} shape="">
        <p className="explain">{t('classmap.noClassifier')}</p>
      </AnalysisFrame>
    );
  }
  const r = job.result;
  const label = ctx.labels[chosen] ?? t('common.classN', { n: chosen });
  return (
    <AnalysisFrame text={text} shape={t('classmap.shape', { h: dims.h, T: dims.T, row: imageRowLabel(dims.layout), N: dims.N })}>
      <div className="analysis-controls">
        <ClassSelect ctx={ctx} value={chosen} onChange={setChosen} testId="classmap-class" />
        <JobControls
          job={job}
          action={t('classmap.action')}
          cost={t('classmap.cost')}
          onStart={() =>
            job.start(async (control) => ({ map: await classMapOf(trace, ctx.engine, chosen, control), classIndex: chosen }))
          }
        />
      </div>
      <div className="figure-row">
        <PatchMap
          ctx={ctx}
          values={r ? r.map : null}
          label={t('classmap.label', { label })}
          testId="classmap-map"
          caption={<>{r ? t('classmap.caption', { label: ctx.labels[r.classIndex] ?? r.classIndex }) : t('classmap.press')}</>}
        />
        <PatchMap ctx={ctx} values={rollout} label={t('classmap.plain')} caption={<>{t('classmap.plainCaption')}</>} />
        {r && (
          <ColorLegend
            domain={[0, extent(r.map)[1]]}
            interpolator={palette.sequential}
            width={180}
            title={t('classmap.relevance')}
          />
        )}
      </div>
    </AnalysisFrame>
  );
}
