import { useEffect, useState } from 'react';
import {
  areaUnderCurve,
  faithfulnessCurves,
  faithfulnessRuns,
  type CurveKind,
  type Curves,
} from '../../analysis/faithfulness';
import { LineChart } from '../common/LineChart';
import { AnalysisFrame } from './AnalysisFrame';
import { JobControls } from './JobControls';
import { ClassSelect, topClass } from './classSelect';
import type { AnalysisContext, AnalysisText } from './context';
import { t } from '../../i18n';
import { curveLabel, headMapLabel } from './mapNames';
import { imageRowKind } from '../../analysis/rollout';

export function FaithfulnessPanel({ ctx, text }: { ctx: AnalysisContext; text: AnalysisText }) {
  const { dims, trace, layer, head } = ctx;
  const [chosen, setChosen] = useState(() => topClass(ctx));
  const [steps, setSteps] = useState(Math.min(16, dims.N));
  useEffect(() => setChosen(topClass(ctx)), [ctx.traceId]);
  const job = ctx.jobs.job<Curves>('faithfulness');
  if (!trace.probs) {
    return (
      <AnalysisFrame text={text} shape="">
        <p className="explain">{t('faithfulness.noClassifier')}</p>
      </AnalysisFrame>
    );
  }
  const runs = faithfulnessRuns(steps);
  const headName = headMapLabel({ layer, head, row: imageRowKind(trace.layout) });
  const run = () =>
    job.start(({ signal, onProgress }) =>
      faithfulnessCurves(trace, ctx.engine, { classIndex: chosen, steps, layer, head }, { signal, onProgress }),
    );
  const r = job.result;
  const label = ctx.labels[r?.classIndex ?? chosen] ?? t('common.classN', { n: chosen });
  const chart = (kind: CurveKind) =>
    r && (
      <LineChart
        series={r.curves.map((c) => ({
          name: `${curveLabel(c)} (AUC ${areaUnderCurve(r.fractions, c[kind]).toFixed(3)})`,
          color: c.color,
          xs: r.fractions,
          ys: c[kind],
          dashed: c.name === 'random',
        }))}
        xLabel={kind === 'deletion' ? t('faithfulness.xDeleted') : t('faithfulness.xInserted')}
        yLabel={`p(${label})`}
        yDomain={[0, 1]}
        width={440}
        height={280}
        label={t(kind === 'deletion' ? 'faithfulness.deletionLabel' : 'faithfulness.insertionLabel', { label })}
        testId={`faithfulness-${kind}`}
      />
    );
  return (
    <AnalysisFrame
      text={text}
      shape={t('faithfulness.shape', { N: dims.N, n: steps + 1, runs, C: trace.config.numChannels, S: dims.S })}
    >
      <div className="analysis-controls">
        <ClassSelect ctx={ctx} value={chosen} onChange={setChosen} testId="faithfulness-class" />
        <label>
          {t('faithfulness.steps')}{' '}
          <select data-testid="faithfulness-steps" value={steps} onChange={(e) => setSteps(Number(e.target.value))}>
            {[...new Set([4, 8, 16, 32, dims.N].filter((s) => s <= dims.N))].map((s) => (
              <option key={s} value={s}>
                {s}
                {s === dims.N ? t('faithfulness.every') : ''}
              </option>
            ))}
          </select>
        </label>
        <JobControls job={job} action={t('faithfulness.action')} cost={t('faithfulness.cost', { runs })} onStart={run} />
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
                <th>{t('faithfulness.map')}</th>
                <th>{t('faithfulness.deletionAuc')}</th>
                <th>{t('faithfulness.insertionAuc')}</th>
              </tr>
            </thead>
            <tbody>
              {r.curves.map((c) => (
                <tr key={c.name}>
                  <td>{curveLabel(c)}</td>
                  <td>{areaUnderCurve(r.fractions, c.deletion).toFixed(3)}</td>
                  <td>{areaUnderCurve(r.fractions, c.insertion).toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p className="muted">{t('faithfulness.note', { head: headName })}</p>
    </AnalysisFrame>
  );
}
