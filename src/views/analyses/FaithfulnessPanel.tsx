import { useEffect, useState } from 'react';
import {
  areaUnderCurve,
  faithfulnessCurves,
  faithfulnessRuns,
  headMapName,
  type CurveKind,
  type Curves,
} from '../../analysis/faithfulness';
import { LineChart } from '../common/LineChart';
import { AnalysisFrame } from './AnalysisFrame';
import { JobControls } from './JobControls';
import { ClassSelect, topClass } from './classSelect';
import type { AnalysisContext, AnalysisText } from './context';

export function FaithfulnessPanel({ ctx, text }: { ctx: AnalysisContext; text: AnalysisText }) {
  const { dims, trace, layer, head } = ctx;
  const [chosen, setChosen] = useState(() => topClass(ctx));
  const [steps, setSteps] = useState(Math.min(16, dims.N));
  useEffect(() => setChosen(topClass(ctx)), [ctx.traceId]);
  const job = ctx.jobs.job<Curves>('faithfulness');
  if (!trace.probs) {
    return (
      <AnalysisFrame text={text} shape="">
        <p className="explain">This checkpoint has no classifier, so there is no class probability to follow.</p>
      </AnalysisFrame>
    );
  }
  const runs = faithfulnessRuns(steps);
  const headName = headMapName(trace, layer, head);
  const run = () =>
    job.start(({ signal, onProgress }) =>
      faithfulnessCurves(trace, ctx.engine, { classIndex: chosen, steps, layer, head }, { signal, onProgress }),
    );
  const r = job.result;
  const label = ctx.labels[r?.classIndex ?? chosen] ?? `class ${chosen}`;
  const chart = (kind: CurveKind) =>
    r && (
      <LineChart
        series={r.curves.map((c) => ({
          name: `${c.name} (AUC ${areaUnderCurve(r.fractions, c[kind]).toFixed(3)})`,
          color: c.color,
          xs: r.fractions,
          ys: c[kind],
          dashed: c.name === 'random',
        }))}
        xLabel={kind === 'deletion' ? 'fraction of patches deleted' : 'fraction of patches inserted'}
        yLabel={`p(${label})`}
        yDomain={[0, 1]}
        width={440}
        height={280}
        label={`${kind} curves for ${label}`}
        testId={`faithfulness-${kind}`}
      />
    );
  return (
    <AnalysisFrame
      text={text}
      shape={`Four orderings of the N = ${dims.N} patches × deletion and insertion × ${steps + 1} points = ${runs} images [C, H, W] = [${trace.config.numChannels}, ${dims.S}, ${dims.S}] through the model; each gives p(class).`}
    >
      <div className="analysis-controls">
        <ClassSelect ctx={ctx} value={chosen} onChange={setChosen} testId="faithfulness-class" />
        <label>
          Steps{' '}
          <select data-testid="faithfulness-steps" value={steps} onChange={(e) => setSteps(Number(e.target.value))}>
            {[...new Set([4, 8, 16, 32, dims.N].filter((s) => s <= dims.N))].map((s) => (
              <option key={s} value={s}>
                {s}
                {s === dims.N ? ' (every patch)' : ''}
              </option>
            ))}
          </select>
        </label>
        <JobControls job={job} action="Run the curves" cost={`${runs} forward passes and one backward pass`} onStart={run} />
      </div>
      {r && (
        <>
          <div className="figure-row">
            {chart('deletion')}
            {chart('insertion')}
          </div>
          <table className="auc-table" data-testid="faithfulness-auc">
            <thead>
              <tr>
                <th>map</th>
                <th>deletion AUC (lower is better)</th>
                <th>insertion AUC (higher is better)</th>
              </tr>
            </thead>
            <tbody>
              {r.curves.map((c) => (
                <tr key={c.name}>
                  <td>{c.name}</td>
                  <td>{areaUnderCurve(r.fractions, c.deletion).toFixed(3)}</td>
                  <td>{areaUnderCurve(r.fractions, c.insertion).toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p className="muted">
        The head is the explainer’s selected one ({headName}). Deleted patches are set to 0 after normalisation (the mean colour).
      </p>
    </AnalysisFrame>
  );
}
