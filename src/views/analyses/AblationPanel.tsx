import { useState } from 'react';
import { allHeadsOn, compareProbabilities, countOff, toggleHead, type AblationResult } from '../../analysis/ablation';
import { softmax } from '../../analysis/softmax';
import { PredictionPanel } from '../prediction/PredictionPanel';
import { AnalysisFrame } from './AnalysisFrame';
import { JobControls } from './JobControls';
import type { AnalysisContext, AnalysisText } from './context';

const pct = (p: number) => `${(p * 100).toFixed(1)}%`;
const signedPct = (p: number) => `${p > 0 ? '+' : ''}${(p * 100).toFixed(1)} pts`;

export function AblationPanel({ ctx, text }: { ctx: AnalysisContext; text: AnalysisText }) {
  const { dims, trace } = ctx;
  const L = trace.layers.length;
  const [mask, setMask] = useState(() => allHeadsOn(L, dims.h));
  const job = ctx.jobs.job<{ result: AblationResult; off: number }>('ablation');
  if (!trace.probs) {
    return (
      <AnalysisFrame text={text} shape="">
        <p className="explain">This checkpoint has no classifier, so there is no prediction to move.</p>
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
    <AnalysisFrame
      text={text}
      shape={`Head mask [L, h] = [${L}, ${dims.h}] (${off} off); the re-run gives probabilities [C] = [${dims.C}].`}
    >
      <div className="analysis-controls">
        <span className="muted">Click heads to switch them off (layer rows, head columns):</span>
        <button type="button" onClick={() => setMask(allHeadsOn(L, dims.h))} disabled={off === 0}>
          All on
        </button>
        <button
          type="button"
          data-testid="ablation-layer-off"
          onClick={() => setMask((m) => m.map((row, l) => (l === ctx.layer ? row.map(() => 0) : row)))}
        >
          Layer {ctx.layer} off
        </button>
      </div>
      <table className="head-mask" data-testid="ablation-mask">
        <thead>
          <tr>
            <th />
            {Array.from({ length: dims.h }, (_, k) => (
              <th key={k}>h{k}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {mask.map((row, l) => (
            <tr key={l}>
              <th>layer {l}</th>
              {row.map((m, k) => (
                <td key={k}>
                  <button
                    type="button"
                    data-testid={`ablation-head-${l}-${k}`}
                    className={m ? 'head-on' : 'head-off'}
                    aria-pressed={m === 0}
                    aria-label={`layer ${l} head ${k}: ${m ? 'on' : 'off'}`}
                    onClick={() => setMask((old) => toggleHead(old, l, k))}
                  >
                    {m ? 'on' : 'off'}
                  </button>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <JobControls
        job={job}
        action={off ? `Re-run with ${off} head${off > 1 ? 's' : ''} off` : 'Re-run (all heads on)'}
        cost="one forward pass"
        onStart={run}
      />
      {r && (
        <div className="figure-row ablation-result" data-testid="ablation-result">
          <div>
            <h4>Before (all heads)</h4>
            <PredictionPanel top={r.before} numClasses={dims.C} compact />
          </div>
          <div>
            <h4>After ({job.result!.off} off)</h4>
            <PredictionPanel top={r.after} numClasses={dims.C} compact />
          </div>
          <div>
            <h4>{r.flipped ? 'The top class changed' : 'The top class held'}</h4>
            <p className="muted">Gained most:</p>
            <ul className="changes">
              {r.gained.slice(0, 3).map((c) => (
                <li key={c.index}>
                  {c.label}: {pct(c.before)} → {pct(c.after)} <span className="gain">{signedPct(c.delta)}</span>
                </li>
              ))}
              {r.gained.length === 0 && <li>none</li>}
            </ul>
            <p className="muted">Lost most:</p>
            <ul className="changes">
              {r.lost.slice(0, 3).map((c) => (
                <li key={c.index}>
                  {c.label}: {pct(c.before)} → {pct(c.after)} <span className="loss">{signedPct(c.delta)}</span>
                </li>
              ))}
              {r.lost.length === 0 && <li>none</li>}
            </ul>
          </div>
        </div>
      )}
    </AnalysisFrame>
  );
}
