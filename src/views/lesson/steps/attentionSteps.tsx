import { t } from '../../../i18n';
/** The attention steps: Q/K/V, the article's analogy, scores, ÷√d and softmax, A·V. */
import { patchPart, topIndices } from '../../../analysis/rows';
import { softmaxSummary, topShare } from '../../../analysis/lessonNumbers';
import { patchToToken } from '../../../model/tokenLayout';
import { LessonImage } from '../LessonImage';
import { MixRows } from '../MixRows';
import { Readout } from '../Readout';
import { ScoreSweep } from '../ScoreSweep';
import { SoftmaxBars } from '../SoftmaxBars';
import { Strip } from '../Strip';
import { fill } from '../lessonText';
import { headRowOf, type LessonCtx } from '../lessonContext';
import { usePatchPick } from './inputSteps';

function SmallPicker({ lc, overlay, outlined }: { lc: LessonCtx; overlay?: Float32Array | null; outlined?: number[] }) {
  const { patch, pick, hover } = usePatchPick(lc);
  return (
    <LessonImage
      pixels={lc.ctx.pixels}
      layout={lc.ctx.trace.layout}
      size={Math.round(lc.size * 0.75)}
      overlay={overlay}
      outlined={outlined}
      picked={patch}
      onPick={pick}
      onHover={hover(overlay)}
      label={t('lessonLabels.image')}
      testId="lesson-image"
    />
  );
}

const keyOf = (lc: LessonCtx) => `${lc.state.layer}:${lc.state.head}:${lc.state.query}`;

export function QkvStep({ lc }: { lc: LessonCtx }) {
  const { trace, dims } = lc.ctx;
  const { layer, head, query } = lc.state;
  const l = trace.layers[layer]!;
  const w = Math.round(lc.size * 1.1);
  return (
    <>
      <div className="lesson-visual">
        <SmallPicker lc={lc} />
        <div className="lesson-column">
          {(['q', 'k', 'v'] as const).map((key) => ( // i18n-ignore
            <Strip key={key} values={headRowOf(l[key], head, query)} label={`${key} = x · W_${key.toUpperCase()}`} width={w} height={26} testId={`lesson-${key}-row`} />
          ))}
          <p className="muted">
            X [{dims.T}, {dims.D}] → Q, K, V [{dims.h}, {dims.T}, {dims.d}]
          </p>
        </div>
      </div>
      <Readout>{fill(lc.text.steps.qkv.readout, { token: lc.tokenWord(query), layer, head, d: dims.d })}</Readout>
    </>
  );
}

export function AnalogyStep({ lc }: { lc: LessonCtx }) {
  const { trace } = lc.ctx;
  const { layer, head, query } = lc.state;
  const row = patchPart(headRowOf(trace.layers[layer]!.attn, head, query), trace.layout);
  const top = topIndices(row, 3);
  const { ui } = lc.text;
  return (
    <>
      <div className="lesson-visual">
        <SmallPicker lc={lc} overlay={row} outlined={top} />
        <ul className="lesson-analogy">
          <li>{ui.analogyQ}</li>
          <li>{ui.analogyK}</li>
          <li>{ui.analogyV}</li>
          <li>
            {/* // i18n-ignore: a formula or tensor names */}
            softmax(q · k) → {ui.sum} = 1; Σ weight × v
          </li>
        </ul>
      </div>
      <Readout>
        {fill(lc.text.steps.analogy.readout, {
          token: lc.tokenWord(query),
          top: top.map((p) => `${lc.tokenWord(patchToToken(trace.layout, p))} ${row[p]!.toFixed(2)}`).join(', '),
        })}
      </Readout>
    </>
  );
}

export function ScoresStep({ lc }: { lc: LessonCtx }) {
  const { trace, dims } = lc.ctx;
  const { layer, head, query } = lc.state;
  const l = trace.layers[layer]!;
  const scores = headRowOf(l.scores, head, query);
  const [arg] = topIndices(scores, 1);
  let min = Infinity;
  for (const s of scores) min = Math.min(min, s);
  const k = l.k.data.subarray(head * dims.T * dims.d, (head + 1) * dims.T * dims.d);
  return (
    <>
      <div className="lesson-visual">
        <SmallPicker lc={lc} />
        <ScoreSweep q={headRowOf(l.q, head, query)} k={k} scores={scores} T={dims.T} d={dims.d} width={Math.round(lc.size * 1.3)} text={lc.text} replayKey={keyOf(lc)} />
      </div>
      <Readout>
        {fill(lc.text.steps.scores.readout, { token: lc.tokenWord(query), max: scores[arg!]!.toFixed(2), arg: lc.tokenWord(arg!), min: min.toFixed(2) })}
      </Readout>
    </>
  );
}

export function SoftmaxStep({ lc }: { lc: LessonCtx }) {
  const { trace, dims } = lc.ctx;
  const { layer, head, query, scale } = lc.state;
  const scores = headRowOf(trace.layers[layer]!.scores, head, query);
  const s = softmaxSummary(scores, scale);
  const inv = 1 / Math.sqrt(dims.d);
  return (
    <>
      <div className="lesson-visual">
        <SmallPicker lc={lc} />
        <div className="lesson-column">
          <label className="lesson-slider">
            {lc.text.ui.scale}: <strong data-testid="lesson-scale-value">{scale.toFixed(3)}</strong>{' '}
            <span className="muted">(1/√{dims.d} = {inv.toFixed(3)})</span>
            <input
              type="range"
              min={0}
              max={1}
              step={0.001}
              value={scale}
              data-testid="lesson-scale"
              aria-label={lc.text.ui.scale}
              onChange={(e) => lc.set({ scale: Number(e.currentTarget.value) })}
            />
          </label>
          <SoftmaxBars scores={scores} weights={s.weights} width={Math.round(lc.size * 1.2)} height={Math.round(lc.size * 0.5)} text={lc.text} tokenWord={lc.tokenWord} replayKey={keyOf(lc)} />
          <p className="lesson-formula">
            softmax(q·Kᵀ × {scale.toFixed(3)}) · {lc.text.ui.sum} = {s.sum.toFixed(3)}
          </p>
        </div>
      </div>
      <Readout>
        {fill(lc.text.steps.softmax.readout, { scale: scale.toFixed(3), max: s.max.toFixed(3), bits: s.bits.toFixed(2), sum: s.sum.toFixed(3), sqrtd: Math.sqrt(dims.d).toFixed(2) })}
      </Readout>
    </>
  );
}

const MIX_ROWS = 5;

export function MixStep({ lc }: { lc: LessonCtx }) {
  const { trace } = lc.ctx;
  const { layer, head, query } = lc.state;
  const l = trace.layers[layer]!;
  const weights = headRowOf(l.attn, head, query);
  const { indices, share } = topShare(weights, MIX_ROWS);
  const rows = indices.map((t) => ({ token: t, weight: weights[t]!, v: headRowOf(l.v, head, t) }));
  return (
    <>
      <div className="lesson-visual">
        <SmallPicker lc={lc} />
        <MixRows rows={rows} output={headRowOf(l.context, head, query)} width={Math.round(lc.size * 1.1)} text={lc.text} tokenWord={lc.tokenWord} replayKey={keyOf(lc)} />
      </div>
      <Readout>{fill(lc.text.steps.mix.readout, { token: lc.tokenWord(query), share: `${(share * 100).toFixed(1)}%`, k: indices.length })}</Readout>
    </>
  );
}
