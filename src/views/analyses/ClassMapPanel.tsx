import { useEffect, useMemo, useState } from 'react';
import { usePalette } from '../common/palette';
import { classMapOf } from '../../analysis/classMap';
import { imageRowName, rolloutMapOf } from '../../analysis/rollout';
import { extent } from '../../analysis/rows';
import { ColorLegend } from '../common/ColorLegend';
import { AnalysisFrame } from './AnalysisFrame';
import { JobControls } from './JobControls';
import { ClassSelect, topClass } from './classSelect';
import { PatchMap } from './PatchMap';
import type { AnalysisContext, AnalysisText } from './context';

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
        <p className="explain">This checkpoint has no classifier, so there is no class to explain.</p>
      </AnalysisFrame>
    );
  }
  const r = job.result;
  const label = ctx.labels[chosen] ?? `class ${chosen}`;
  return (
    <AnalysisFrame
      text={text}
      shape={`Attention and its gradient, per layer [h, T, T] = [${dims.h}, ${dims.T}, ${dims.T}] → relevance [T, T] → its ${imageRowName(dims.layout)} over the patches [N] = [${dims.N}].`}
    >
      <div className="analysis-controls">
        <ClassSelect ctx={ctx} value={chosen} onChange={setChosen} testId="classmap-class" />
        <JobControls
          job={job}
          action="Compute the class map"
          cost="one forward and one backward pass"
          onStart={() => job.start(async () => ({ map: await classMapOf(trace, ctx.engine, chosen), classIndex: chosen }))}
        />
      </div>
      <div className="figure-row">
        <PatchMap
          ctx={ctx}
          values={r ? r.map : null}
          label={`Relevance of each patch for ${label}`}
          testId="classmap-map"
          caption={<>{r ? `relevance for “${ctx.labels[r.classIndex] ?? r.classIndex}”` : 'press Compute'}</>}
        />
        <PatchMap
          ctx={ctx}
          values={rollout}
          label="Plain attention rollout, for comparison"
          caption={<>plain rollout (mean of heads), the same for every class</>}
        />
        {r && <ColorLegend domain={[0, extent(r.map)[1]]} interpolator={palette.sequential} width={180} title="relevance" />}
      </div>
    </AnalysisFrame>
  );
}
