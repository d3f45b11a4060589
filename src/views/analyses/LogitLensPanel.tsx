import { useEffect, useMemo, useState } from 'react';
import { schemeTableau10 } from 'd3-scale-chromatic';
import { usePalette } from '../common/palette';
import { logitLens, patchLogitLens } from '../../analysis/logitLens';
import { softmaxRows } from '../../analysis/softmax';
import { topK } from '../../analysis/topK';
import type { ReadoutWeights } from '../../model/weightArrays';
import { ColorLegend } from '../common/ColorLegend';
import { LineChart } from '../common/LineChart';
import { AnalysisFrame } from './AnalysisFrame';
import { ClassSelect, topClass } from './classSelect';
import { PatchMap } from './PatchMap';
import type { AnalysisContext, AnalysisText } from './context';

export function LogitLensPanel({ ctx, text }: { ctx: AnalysisContext; text: AnalysisText }) {
  const palette = usePalette();
  const { dims, trace } = ctx;
  const L = trace.layers.length;
  const readout = ctx.jobs.job<ReadoutWeights | null>('readout', 'model');
  useEffect(() => {
    if (readout.state === 'idle' && !readout.result) readout.start(() => ctx.engine.readout());
  }, [readout.state, readout.result]);
  const [chosen, setChosen] = useState(() => topClass(ctx));
  const [depth, setDepth] = useState(L);
  useEffect(() => setChosen(topClass(ctx)), [ctx.traceId]);
  const w = readout.result;
  const C = dims.C;
  const probs = useMemo(() => (w ? softmaxRows(logitLens(trace, w), C) : null), [w, trace, C]);
  const patchProbs = useMemo(() => (w ? softmaxRows(patchLogitLens(trace, w, depth), C) : null), [w, trace, depth, C]);
  if (!trace.probs) {
    return (
      <AnalysisFrame text={text} shape="">
        <p className="explain">This checkpoint has no classifier to read the layers with.</p>
      </AnalysisFrame>
    );
  }
  const final = topK(trace.probs.data, ctx.labels, 5);
  const depths = Array.from({ length: L + 1 }, (_, i) => i);
  const map = patchProbs ? Float32Array.from({ length: dims.N }, (_, p) => patchProbs[p * C + chosen]!) : null;
  const voters = patchProbs
    ? Array.from({ length: dims.N }, (_, p) => topK(patchProbs.subarray(p * C, (p + 1) * C), [], 1)[0]!.index).filter(
        (c) => c === chosen,
      ).length
    : 0;
  const label = ctx.labels[chosen] ?? `class ${chosen}`;
  const depthName = (i: number) => (i === 0 ? 'the embeddings' : `layer ${i - 1}`);
  return (
    <AnalysisFrame
      text={text}
      shape={`Residual stream at ${L + 1} depths [T, D] = [${dims.T}, ${dims.D}] → final norm and classifier → [L + 1, C] = [${L + 1}, ${C}] for the pooled token, [N, C] = [${dims.N}, ${C}] for the patches at one depth.`}
    >
      {!probs && <p className="muted">Reading the classifier’s weights…</p>}
      {probs && (
        <div className="figure-row">
          <LineChart
            series={final.map((c, i) => ({
              name: c.label,
              color: schemeTableau10[i]!,
              xs: depths,
              ys: depths.map((d) => probs[d * C + c.index]!),
            }))}
            xLabel="depth (0 = embeddings, i = after layer i − 1)"
            yLabel="probability"
            yDomain={[0, 1]}
            xIntegers
            width={440}
            height={280}
            label="Probability of the final top-5 classes read after every layer"
            testId="lens-chart"
          />
          <div>
            <div className="analysis-controls">
              <ClassSelect ctx={ctx} value={chosen} onChange={setChosen} testId="lens-class" />
              <label>
                Depth{' '}
                <select data-testid="lens-depth" value={depth} onChange={(e) => setDepth(Number(e.target.value))}>
                  {depths.map((d) => (
                    <option key={d} value={d}>
                      {depthName(d)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <PatchMap
              ctx={ctx}
              values={map}
              label={`Each patch's probability of ${label}`}
              testId="lens-patches"
              captionTestId="lens-voters"
              caption={
                <>
                  after {depthName(depth)}: {voters} of {dims.N} patches put “{label}” first
                </>
              }
            />
            <ColorLegend
              domain={[0, map ? Math.max(...map) : 1]}
              interpolator={palette.sequential}
              width={180}
              title={`p(${label}) per patch`}
            />
          </div>
        </div>
      )}
    </AnalysisFrame>
  );
}
