import { useState } from 'react';
import { allHeadsOn, compareProbabilities, countOff, toggleHead, type AblationResult } from '../../analysis/ablation';
import { softmax } from '../../analysis/softmax';
import { PredictionPanel } from '../prediction/PredictionPanel';
import { AnalysisFrame } from './AnalysisFrame';
import { JobControls } from './JobControls';
import type { AnalysisContext, AnalysisText } from './context';
import { t } from '../../i18n';
import { signedPoints } from '../common/percentPoints';

const pct = (p: number) => `${(p * 100).toFixed(1)}%`;

export function AblationPanel({ ctx, text }: { ctx: AnalysisContext; text: AnalysisText }) {
  const { dims, trace } = ctx;
  const L = trace.layers.length;
  const [mask, setMask] = useState(() => allHeadsOn(L, dims.h));
  const job = ctx.jobs.job<{ result: AblationResult; off: number }>('ablation');
  if (!trace.probs) {
    return (
      <AnalysisFrame text={text} shape="">
        <p className="explain">{t('ablation.noClassifier')}</p>
      </AnalysisFrame>
    );
  }
  const off = countOff(mask);
  const run = () =>
    job.start(async ({ signal, onProgress }) => {
      const [logits] = await ctx.engine.logits([trace.input.data], { headMask: mask, signal, onProgress });
      return { result: compareProbabilities(trace.probs!.data, softmax(logits!), ctx.labels, 5), off };
    });
  const r = job.result?.result;
  return (
    <AnalysisFrame text={text} shape={t('ablation.shape', { L, h: dims.h, off, C: dims.C })}>
      <div className="analysis-controls">
        <span className="muted">{t('ablation.click')}</span>
        <button type="button" onClick={() => setMask(allHeadsOn(L, dims.h))} disabled={off === 0}>
          {t('ablation.allOn')}
        </button>
        <button
          type="button"
          data-testid="ablation-layer-off"
          onClick={() => setMask((m) => m.map((row, l) => (l === ctx.layer ? row.map(() => 0) : row)))}
        >
          {t('ablation.layerOff', { layer: ctx.layer })}
        </button>
      </div>
      <table className="head-mask" data-testid="ablation-mask">
        <thead>
          <tr>
            <td />
            {Array.from({ length: dims.h }, (_, k) => (
              <th key={k} scope="col">
                h{k}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {mask.map((row, l) => (
            <tr key={l}>
              <th scope="row">{t('common.layerN', { layer: l })}</th>
              {row.map((m, k) => (
                <td key={k}>
                  <button
                    type="button"
                    data-testid={`ablation-head-${l}-${k}`}
                    className={m ? 'head-on' : 'head-off'}
                    aria-pressed={m === 0}
                    aria-label={t('ablation.headLabel', { layer: l, head: k, state: m ? t('ablation.on') : t('ablation.off') })}
                    onClick={() => setMask((old) => toggleHead(old, l, k))}
                  >
                    {m ? t('ablation.on') : t('ablation.off')}
                  </button>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <JobControls
        job={job}
        action={off ? t('ablation.rerun', { count: off }) : t('ablation.rerunAll')}
        cost={t('ablation.cost')}
        onStart={run}
      />
      {r && (
        <div className="figure-row ablation-result" data-testid="ablation-result">
          <div>
            <h4>{t('ablation.before')}</h4>
            <PredictionPanel top={r.before} numClasses={dims.C} compact />
          </div>
          <div>
            <h4>{t('ablation.after', { off: job.result!.off })}</h4>
            <PredictionPanel top={r.after} numClasses={dims.C} compact />
          </div>
          <div>
            <h4>{r.flipped ? t('ablation.changed') : t('ablation.held')}</h4>
            <p className="muted">{t('ablation.gained')}</p>
            <ul className="changes">
              {r.gained.slice(0, 3).map((c) => (
                <li key={c.index}>
                  {c.label}: {pct(c.before)} → {pct(c.after)} <span className="gain">{signedPoints(c.delta)}</span>
                </li>
              ))}
              {r.gained.length === 0 && <li>{t('ablation.none')}</li>}
            </ul>
            <p className="muted">{t('ablation.lost')}</p>
            <ul className="changes">
              {r.lost.slice(0, 3).map((c) => (
                <li key={c.index}>
                  {c.label}: {pct(c.before)} → {pct(c.after)} <span className="loss">{signedPoints(c.delta)}</span>
                </li>
              ))}
              {r.lost.length === 0 && <li>{t('ablation.none')}</li>}
            </ul>
          </div>
        </div>
      )}
    </AnalysisFrame>
  );
}
