import { useEffect, useState } from 'react';
import { interpolateInferno } from 'd3-scale-chromatic';
import { gradientImageRow } from '../../analysis/classMap';
import { extent } from '../../analysis/rows';
import { useJob } from '../../app/useJob';
import { ColorLegend } from '../common/ColorLegend';
import { AnalysisFrame } from './AnalysisFrame';
import { JobControls } from './JobControls';
import { ClassSelect, topClass } from './classSelect';
import { rolloutMapOf } from './RolloutPanel';
import { PatchMap } from './PatchMap';
import type { AnalysisContext, AnalysisText } from './context';

/** The class-specific map [N] of a class, through the engine's gradients. */
export async function classMapOf(ctx: AnalysisContext, classIndex: number): Promise<Float32Array> {
  const { dims } = ctx;
  const g = await ctx.engine.gradients(ctx.trace.input.data, classIndex);
  return gradientImageRow(g.attention, g.gradients, dims.h, dims.T, dims.hasCls);
}

export function ClassMapPanel({ ctx, text }: { ctx: AnalysisContext; text: AnalysisText }) {
  const { dims, trace } = ctx;
  const [chosen, setChosen] = useState(() => topClass(ctx));
  const job = useJob<{ map: Float32Array; classIndex: number }>(`${String(ctx.traceKey)}:${chosen}`);
  useEffect(() => setChosen(topClass(ctx)), [ctx.traceKey]);
  if (!trace.probs) {
    return (
      <AnalysisFrame text={text} shape="">
        <p className="explain">This checkpoint has no classifier, so there is no class to explain.</p>
      </AnalysisFrame>
    );
  }
  const rollout = rolloutMapOf(ctx, 'mean', 0, trace.layers.length - 1);
  const r = job.result;
  const label = ctx.labels[chosen] ?? `class ${chosen}`;
  return (
    <AnalysisFrame
      text={text}
      shape={`Attention and its gradient, per layer [h, T, T] = [${dims.h}, ${dims.T}, ${dims.T}] → relevance [T, T] → ${dims.hasCls ? '[CLS]' : 'mean'} row over the patches [N] = [${dims.N}].`}
    >
      <div className="analysis-controls">
        <ClassSelect ctx={ctx} value={chosen} onChange={setChosen} testId="classmap-class" />
        <JobControls
          job={job}
          action="Compute the class map"
          cost="one forward and one backward pass"
          onStart={() => job.start(async () => ({ map: await classMapOf(ctx, chosen), classIndex: chosen }))}
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
        {r && <ColorLegend domain={[0, extent(r.map)[1]]} interpolator={interpolateInferno} width={180} title="relevance" />}
      </div>
    </AnalysisFrame>
  );
}
