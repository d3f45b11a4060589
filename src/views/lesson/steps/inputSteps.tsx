import { t } from '../../../i18n';
/** The lesson's first steps: patches, patch embedding, tokens, position embeddings. */
import { useEffect, useMemo, useRef } from 'react';
import { cosineSimilarity, patchPositionEmbeddings } from '../../../analysis/positionSimilarity';
import { vectorLength } from '../../../analysis/lessonNumbers';
import { topIndices } from '../../../analysis/rows';
import { patchToToken, tokenToPatch } from '../../../model/tokenLayout';
import { LessonImage, imageSource } from '../LessonImage';
import { PatchSlide } from '../PatchSlide';
import { Readout } from '../Readout';
import { Strip } from '../Strip';
import { fill } from '../lessonText';
import { tokenRowOf, type LessonCtx } from '../lessonContext';

/** the picked patch (or null for a prefix token) and how to pick one */
export function usePatchPick(lc: LessonCtx) {
  const { layout } = lc.ctx.trace;
  const patch = tokenToPatch(layout, lc.state.query);
  const pick = (p: number) => lc.set({ query: patchToToken(layout, p) });
  const hover = (values?: ArrayLike<number> | null) => (p: number | null) =>
    lc.point(p === null ? null : `${lc.tokenWord(patchToToken(layout, p))}${values ? ` · ${values[p]!.toFixed(3)}` : ''}`);
  return { patch, pick, hover };
}

export function PatchesStep({ lc }: { lc: LessonCtx }) {
  const { trace, pixels } = lc.ctx;
  const { layout } = trace;
  const { patch, pick, hover } = usePatchPick(lc);
  return (
    <>
      <div className="lesson-visual">
        <LessonImage pixels={pixels} layout={layout} size={lc.size} picked={patch} onPick={pick} onHover={hover()} label={t('lessonLabels.image')} testId="lesson-image" />
        <PatchSlide pixels={pixels} layout={layout} size={Math.round(lc.size * 0.6)} width={lc.size * 1.6} text={lc.text} picked={lc.state.query} tokenWord={lc.tokenWord} />
      </div>
      {patch !== null && (
        <Readout>
          {fill(lc.text.steps.patches.readout, { row: Math.floor(patch / layout.gridCols), col: patch % layout.gridCols, token: lc.tokenWord(lc.state.query) })}
        </Readout>
      )}
    </>
  );
}

function PatchZoom({ pixels, patch, cols, P, size }: { pixels: ImageData; patch: number; cols: number; P: number; size: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(imageSource(pixels), (patch % cols) * P, Math.floor(patch / cols) * P, P, P, 0, 0, size, size);
  }, [pixels, patch, cols, P, size]);
  return <canvas ref={ref} width={size} height={size} style={{ width: size, height: size }} className="lesson-zoom" data-testid="lesson-patch-zoom" aria-label={`${t('lessonLabels.patch')} ${patch}`} />;
}

export function EmbeddingStep({ lc }: { lc: LessonCtx }) {
  const { trace, pixels, dims } = lc.ctx;
  const { layout } = trace;
  const { patch, pick, hover } = usePatchPick(lc);
  const p = patch ?? 0;
  const row = tokenRowOf(trace.patchTokens, p);
  return (
    <>
      <div className="lesson-visual">
        <LessonImage pixels={pixels} layout={layout} size={lc.size} picked={p} onPick={pick} onHover={hover()} label={t('lessonLabels.image')} testId="lesson-image" />
        <div className="lesson-column">
          <PatchZoom pixels={pixels} patch={p} cols={layout.gridCols} P={dims.P} size={Math.round(lc.size * 0.4)} />
          <p className="lesson-formula">
            {/* // i18n-ignore: a formula or tensor names */}
            [3, {dims.P}, {dims.P}] → Conv2D(kernel = stride = {dims.P}) → [{dims.D}]
          </p>
          {/* // i18n-ignore: a formula or tensor names */}
          <Strip values={row} label={`patchTokens[${p}]`} width={Math.round(lc.size * 1.2)} testId="lesson-embedding-row" />
          <p className="muted">
            {/* // i18n-ignore: a formula or tensor names */}
            [3, {dims.S}, {dims.S}] → [{dims.D}, {layout.gridRows}, {layout.gridCols}] → flatten, transpose → [{dims.N}, {dims.D}]
          </p>
        </div>
      </div>
      <Readout>{fill(lc.text.steps.embedding.readout, { patch: p, raw: dims.P * dims.P * 3, D: dims.D, norm: vectorLength(row).toFixed(2) })}</Readout>
    </>
  );
}

export function TokensStep({ lc }: { lc: LessonCtx }) {
  const { trace, pixels } = lc.ctx;
  return (
    <>
      {trace.layout.clsToken === null && <p className="lesson-note">{lc.text.ui.noCls}</p>}
      <div className="lesson-visual">
        <PatchSlide
          pixels={pixels}
          layout={trace.layout}
          size={Math.round(lc.size * 0.7)}
          width={lc.size * 2}
          text={lc.text}
          picked={lc.state.query}
          onPickToken={(t) => lc.set({ query: t })}
          tokenWord={lc.tokenWord}
        />
      </div>
      <Readout>{fill(lc.text.steps.tokens.readout, { token: lc.tokenWord(lc.state.query) })}</Readout>
    </>
  );
}

export function PositionStep({ lc }: { lc: LessonCtx }) {
  const { trace, pixels, dims } = lc.ctx;
  const { layout } = trace;
  const { patch, pick, hover } = usePatchPick(lc);
  const p = patch ?? 0;
  const similarity = useMemo(() => {
    const pos = patchPositionEmbeddings(trace);
    return pos && layout.numPatches > 1 ? cosineSimilarity(pos, layout.numPatches, dims.D) : null;
  }, [trace, layout, dims.D]);
  const row = similarity ? similarity.subarray(p * layout.numPatches, (p + 1) * layout.numPatches) : null;
  const best = row ? topIndices(row, 2).find((i) => i !== p) ?? p : null;
  return (
    <>
      {!similarity && <p className="lesson-note">{lc.text.ui.noPos}</p>}
      <div className="lesson-visual">
        <LessonImage pixels={pixels} layout={layout} size={lc.size} overlay={row} picked={p} onPick={pick} onHover={hover(row)} label={t('lessonLabels.posSim')} testId="lesson-image" />
      </div>
      <Readout>
        {fill(lc.text.steps.position.readout, {
          patch: p,
          best: best ?? '—',
          cos: row && best !== null ? row[best]!.toFixed(3) : '—',
        })}
      </Readout>
    </>
  );
}
