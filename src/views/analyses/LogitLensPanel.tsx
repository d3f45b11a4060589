import { useEffect, useMemo, useState } from 'react';
import { schemeTableau10 } from 'd3-scale-chromatic';
import { usePalette } from '../common/palette';
import { logitLens, patchRows } from '../../analysis/logitLens';
import { offPage } from '../../worker/offPage';
import { useShownJob } from './useShownJob';
import { JobError } from './JobControls';
import { softmaxRows } from '../../analysis/softmax';
import { topK } from '../../analysis/topK';
import type { ReadoutWeights } from '../../model/weightArrays';
import { ColorLegend } from '../common/ColorLegend';
import { LineChart } from '../common/LineChart';
import { AnalysisFrame } from './AnalysisFrame';
import { ClassSelect, topClass } from './classSelect';
import { PatchMap } from './PatchMap';
import type { AnalysisContext, AnalysisText } from './context';
import { t } from '../../i18n';

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
  // every patch at a depth (ViT-B: 196 × 768 × 1,000 multiply-adds, ~0.3 s) in the analysis worker, kept per depth
  const { job: patches, shown: patchProbs } = useShownJob<Float64Array>(
    ctx,
    `lens-patches:${depth}`,
    w && ((control) => offPage('readoutProbs', { ...patchRows(trace, w, depth), w }, control)),
  );
  if (!trace.probs) {
    return (
      <AnalysisFrame text={text} shape="">
        <p className="explain">{t('lens.noClassifier')}</p>
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
  const label = ctx.labels[chosen] ?? t('common.classN', { n: chosen });
  const depthName = (i: number) => (i === 0 ? t('lens.embeddings') : t('common.layerN', { layer: i - 1 }));
  return (
    <AnalysisFrame text={text} shape={t('lens.shape', { n: L + 1, T: dims.T, D: dims.D, C, N: dims.N })}>
      {!probs && <p className="muted">{t('lens.reading')}</p>}
      {probs && (
        <div className="figure-row">
          <LineChart
            series={final.map((c, i) => ({
              name: c.label,
              color: schemeTableau10[i]!,
              xs: depths,
              ys: depths.map((d) => probs[d * C + c.index]!),
            }))}
            xLabel={t('lens.x')}
            yLabel={t('lens.y')}
            yDomain={[0, 1]}
            xIntegers
            width={440}
            height={280}
            label={t('lens.label')}
            testId="lens-chart"
          />
          <div>
            <div className="analysis-controls">
              <ClassSelect ctx={ctx} value={chosen} onChange={setChosen} testId="lens-class" />
              <label>
                {t('lens.depth')}{' '}
                <select data-testid="lens-depth" value={depth} onChange={(e) => setDepth(Number(e.target.value))}>
                  {depths.map((d) => (
                    <option key={d} value={d}>
                      {depthName(d)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <JobError job={patches} />
            <PatchMap
              ctx={ctx}
              values={map}
              label={t('lens.patchLabel', { label })}
              testId="lens-patches"
              captionTestId="lens-voters"
              caption={<>{t('lens.voters', { depth: depthName(depth), voters, N: dims.N, label })}</>}
            />
            <ColorLegend
              domain={[0, map ? Math.max(...map) : 1]}
              interpolator={palette.sequential}
              width={180}
              title={t('lens.legend', { label })}
            />
          </div>
        </div>
      )}
    </AnalysisFrame>
  );
}
