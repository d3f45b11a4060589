import { t } from '../../../i18n';
/** The steps after one head: several heads, the output projection, the MLP, Add & Norm, stacking layers, the prediction. */
import { useEffect, useMemo } from 'react';
import { distancesByLayer, attentionDistanceRuledOut } from '../../../analysis/attentionDistance';
import { countActive, cosine, onlyHeadMask, vectorLength } from '../../../analysis/lessonNumbers';
import { logitLens } from '../../../analysis/logitLens';
import { layerInput, patchPart, topIndices } from '../../../analysis/rows';
import { rolloutMapOf } from '../../../analysis/rollout';
import { softmax } from '../../../analysis/softmax';
import { topK, type RankedClass } from '../../../analysis/topK';
import { LessonImage } from '../LessonImage';
import { Readout, WhyBox } from '../Readout';
import { Strip } from '../Strip';
import { fill } from '../lessonText';
import { headRowOf, tokenRowOf, type LessonCtx } from '../lessonContext';
import { usePatchPick } from './inputSteps';

const pct = (p: number) => `${(p * 100).toFixed(1)}%`;

export function HeadsStep({ lc }: { lc: LessonCtx }) {
  const { trace, dims, engine, jobs, labels, pixels } = lc.ctx;
  const { layer, query } = lc.state;
  const { patch, pick, hover } = usePatchPick(lc);
  const job = jobs.job<{ head: number; top: RankedClass }>('lesson-keep-one-head');
  const all = trace.probs ? topK(trace.probs.data, labels, 1)[0]! : null;
  const keep = (head: number) =>
    job.start(async ({ signal, onProgress }) => {
      const [logits] = await engine.logits([trace.input.data], { headMask: onlyHeadMask(trace.config.numLayers, dims.h, head), signal, onProgress });
      return { head, top: topK(softmax(logits!), labels, 1)[0]! };
    });
  const size = Math.max(90, Math.round((lc.size * 2) / Math.max(4, dims.h)) - 8);
  const r = job.result;
  return (
    <>
      <div className="lesson-visual lesson-heads" data-testid="lesson-heads">
        {Array.from({ length: dims.h }, (_, h) => {
          const row = patchPart(headRowOf(trace.layers[layer]!.attn, h, query), trace.layout);
          return (
            <figure key={h} className="lesson-head">
              <figcaption>{fill(lc.text.ui.headMaps, { head: h })}</figcaption>
              <LessonImage pixels={pixels} layout={trace.layout} size={size} overlay={row} picked={patch} onPick={pick} onHover={hover(row)} label={`${t('lessonLabels.head')} ${h}`} testId={`lesson-head-map-${h}`} />
              <button type="button" data-testid={`lesson-keep-${h}`} disabled={!all || job.state === 'running'} onClick={() => keep(h)}>
                {fill(lc.text.ui.keepOnly, { head: h })}
              </button>
            </figure>
          );
        })}
      </div>
      {!all && <p className="lesson-note">{lc.text.ui.noClassifier}</p>}
      {job.state === 'running' && <p className="muted">{lc.text.ui.running}</p>}
      {job.state === 'error' && <p className="lesson-note">{fill(lc.text.ui.failed, { message: job.error ?? '' })}</p>}
      {r && all && (
        <Readout>{fill(lc.text.steps.heads.readout, { head: r.head, label: r.top.label, p: pct(r.top.probability), label0: all.label, p0: pct(all.probability) })}</Readout>
      )}
      <WhyBox id="heads" why={lc.text.why.heads} live={lc.text.why.heads.live} label={lc.text.ui.why} />
    </>
  );
}

export function ProjectionStep({ lc }: { lc: LessonCtx }) {
  const { trace, dims } = lc.ctx;
  const { layer, query } = lc.state;
  const l = trace.layers[layer]!;
  const concat = new Float32Array(dims.h * dims.d);
  for (let h = 0; h < dims.h; h++) concat.set(headRowOf(l.context, h, query), h * dims.d);
  const w = Math.round(lc.size * 1.3);
  return (
    <>
      <div className="lesson-visual">
        <LessonPicker lc={lc} />
        <div className="lesson-column">
          {/* // i18n-ignore: a formula or tensor names */}
          <Strip values={concat} label={`concat(z₀ … z${dims.h - 1})`} width={w} testId="lesson-concat-row" />
          <p className="lesson-formula">× W_O [{dims.D}, {dims.D}] ↓</p>
          {/* // i18n-ignore: a formula or tensor names */}
          <Strip values={tokenRowOf(l.attnOut, query)} label="attnOut" width={w} testId="lesson-proj-row" />
        </div>
      </div>
      <Readout>{fill(lc.text.steps.projection.readout, { token: lc.tokenWord(query), h: dims.h, d: dims.d, D: dims.D })}</Readout>
    </>
  );
}

function LessonPicker({ lc }: { lc: LessonCtx }) {
  const { patch, pick, hover } = usePatchPick(lc);
  return (
    <LessonImage pixels={lc.ctx.pixels} layout={lc.ctx.trace.layout} size={Math.round(lc.size * 0.75)} picked={patch} onPick={pick} onHover={hover()} label={t('lessonLabels.image')} testId="lesson-image" />
  );
}

export function MlpStep({ lc }: { lc: LessonCtx }) {
  const { trace, dims } = lc.ctx;
  const { layer, query } = lc.state;
  const hidden = tokenRowOf(trace.layers[layer]!.mlpHidden, query);
  return (
    <>
      <div className="lesson-visual">
        <LessonPicker lc={lc} />
        <div className="lesson-column">
          <p className="lesson-formula">
            {/* // i18n-ignore: a formula or tensor names */}
            [{dims.D}] → Linear → {dims.act} → [{dims.M}] → Linear → [{dims.D}]
          </p>
          {/* // i18n-ignore: a formula or tensor names */}
          <Strip values={hidden} label={`mlpHidden (${dims.act})`} width={Math.round(lc.size * 1.3)} height={32} testId="lesson-mlp-row" />
        </div>
      </div>
      <Readout>{fill(lc.text.steps.mlp.readout, { token: lc.tokenWord(query), active: countActive(hidden), M: dims.M })}</Readout>
    </>
  );
}

/** the token that stands for the image: [CLS], or the picked token for a model that averages */
const imageToken = (lc: LessonCtx) => lc.ctx.trace.layout.clsToken ?? lc.state.query;

export function AddNormStep({ lc }: { lc: LessonCtx }) {
  const { trace, engine, jobs, labels } = lc.ctx;
  const { layer } = lc.state;
  const t = imageToken(lc);
  const before = tokenRowOf(layerInput(trace, layer), t);
  const after = tokenRowOf(trace.layers[layer]!.out, t);
  const lens = jobs.job<Float64Array | null>('lesson-logit-lens');
  useEffect(() => {
    if (lens.state === 'idle' && trace.probs) lens.start(async () => {
      const w = await engine.readout();
      return w ? logitLens(trace, w) : null;
    });
  }, [lens, trace, engine]);
  const path = useMemo(() => {
    const m = lens.result;
    if (!m) return null;
    const C = m.length / (trace.config.numLayers + 1);
    return Array.from({ length: trace.config.numLayers + 1 }, (_, depth) => labels[topIndices(m.subarray(depth * C, (depth + 1) * C), 1)[0]!] ?? '?');
  }, [lens.result, trace, labels]);
  const w = Math.round(lc.size * 1.3);
  return (
    <>
      <div className="lesson-visual">
        <div className="lesson-column">
          {/* // i18n-ignore: a formula or tensor names */}
          <p className="lesson-formula">x = x + attn(LN(x)); x = x + mlp(LN(x))</p>
          <Strip values={before} label={`${lc.tokenWord(t)} · ${lc.text.ui.before} · ${lc.text.ui.layer} ${layer}`} width={w} testId="lesson-before-row" />
          <Strip values={after} label={`${lc.tokenWord(t)} · ${lc.text.ui.after}`} width={w} testId="lesson-after-row" />
        </div>
      </div>
      <Readout>
        {fill(lc.text.steps.addnorm.readout, { layer, cos: cosine(before, after).toFixed(3), a: vectorLength(before).toFixed(2), b: vectorLength(after).toFixed(2) })}
      </Readout>
      <WhyBox
        id="context"
        why={lc.text.why.context}
        label={lc.text.ui.why}
        live={path ? fill(lc.text.why.context.live, { path: path.join(' → ') }) : lens.state === 'running' ? lc.text.ui.running : trace.probs ? '…' : lc.text.ui.noClassifier}
      />
    </>
  );
}

export function LayersStep({ lc }: { lc: LessonCtx }) {
  const { trace, dims, pixels } = lc.ctx;
  const { depth } = lc.state;
  const L = trace.config.numLayers;
  const ruledOut = attentionDistanceRuledOut(trace.layout, dims.T);
  const distances = useMemo(
    () =>
      ruledOut
        ? null
        : distancesByLayer(trace.layers.map((l) => l.attn.data), dims.h, trace.layout, dims.P).map((heads) => heads.reduce((s, v) => s + v, 0) / heads.length),
    [trace, dims, ruledOut],
  );
  const rollout = useMemo(() => rolloutMapOf(trace, { fusion: 'mean', discardRatio: 0, upToLayer: depth }), [trace, depth]);
  const best = topIndices(rollout, 1)[0]!;
  const maxD = distances ? Math.max(1e-9, ...distances) : 1;
  const { hover } = usePatchPick(lc);
  return (
    <>
      <div className="lesson-visual">
        <div className="lesson-column">
          <label className="lesson-slider">
            {lc.text.ui.layer}: <strong>{depth}</strong>
            <input type="range" min={0} max={L - 1} step={1} value={depth} data-testid="lesson-depth" aria-label={lc.text.ui.layer} onChange={(e) => lc.set({ depth: Number(e.currentTarget.value) })} />
          </label>
          <LessonImage pixels={pixels} layout={trace.layout} size={lc.size} overlay={rollout} outlined={[best]} onHover={hover(rollout)} label={t('lessonLabels.rollout')} testId="lesson-rollout" />
        </div>
        {distances && (
          <div className="lesson-distance" data-testid="lesson-distance" style={{ height: Math.round(lc.size * 0.8) }}>
            {distances.map((d, l) => (
              <div key={l} className={`lesson-distance-bar${l === depth ? ' picked' : ''}`} title={`${l}: ${d.toFixed(1)} px`}>
                <small>{d.toFixed(0)}</small>
                <div style={{ height: `${(100 * d) / maxD}%` }} />
                <span>{l}</span>
              </div>
            ))}
          </div>
        )}
      </div>
      <Readout>{fill(lc.text.steps.layers.readout, { layer: depth, dist: distances ? distances[depth]!.toFixed(1) : '—', best })}</Readout>
      <WhyBox
        id="layers"
        why={lc.text.why.layers}
        label={lc.text.ui.why}
        live={distances ? fill(lc.text.why.layers.live, { first: distances[0]!.toFixed(1), last: distances[L - 1]!.toFixed(1) }) : ruledOut ?? ''}
      />
    </>
  );
}

export function PredictionStep({ lc }: { lc: LessonCtx }) {
  const { trace, labels } = lc.ctx;
  if (!trace.probs || !trace.logits) return <p className="lesson-note">{lc.text.ui.noClassifier}</p>;
  const top = topK(trace.probs.data, labels, 5);
  const picked = lc.state.pickedClass ?? top[0]!.index;
  return (
    <>
      <ol className="lesson-classes" data-testid="lesson-classes">
        {top.map((c) => (
          <li key={c.index}>
            <button type="button" className={c.index === picked ? 'picked' : ''} data-testid={`lesson-class-${c.index}`} onClick={() => lc.set({ pickedClass: c.index })}>
              <span className="lesson-class-bar" style={{ width: `${Math.max(1, c.probability * 100)}%` }} />
              <span>
                {c.label} · {pct(c.probability)}
              </span>
            </button>
          </li>
        ))}
      </ol>
      <Readout>
        {fill(lc.text.steps.prediction.readout, { label: labels[picked] ?? String(picked), p: pct(trace.probs.data[picked]!), z: trace.logits.data[picked]!.toFixed(2) })}
      </Readout>
    </>
  );
}
