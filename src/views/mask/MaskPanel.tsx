import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import { MASK_FILLS, maskPatches, type MaskFill } from '../../analysis/masking';
import { inputToRgba, normalisationOf } from '../../analysis/pixelNormalisation';
import { MASK_FILL_PARAM, MASK_PARAM, maskToParams, parseMask, parseMaskFill } from '../../state/patchMask';
import { PixelsCanvas } from '../common/PixelsCanvas';
import { AnalysisFrame } from '../analyses/AnalysisFrame';
import { OVERLAY_SIZE } from '../analyses/PatchMap';
import type { AnalysisContext, AnalysisText } from '../analyses/context';
import { AttentionShiftMap } from './AttentionShiftMap';
import { ClassShiftTable } from './ClassShiftTable';
import { MaskGrid } from './MaskGrid';
import { editMask, maskedIndices, noEdits } from './maskEdits';
import { useMaskRun } from './useMaskRun';
import { useUndoKey } from './useUndoKey';
import { t } from '../../i18n';
import './mask.css';

type Brush = 'mask' | 'unmask';

/** The mask and fill the address names, for this grid; a mask that does not fit is dropped with the reason. */
function fromAddress(rows: number, cols: number) {
  const params = new URLSearchParams(location.search);
  const parsed = parseMask(params.get(MASK_PARAM), rows, cols);
  const masked = new Array<boolean>(rows * cols).fill(false);
  if (parsed.kind === 'ok') for (const p of parsed.masked) masked[p] = true;
  return {
    masked,
    fill: parseMaskFill(params.get(MASK_FILL_PARAM)),
    notice: parsed.kind === 'invalid' ? t(`mask.ignored.${parsed.problem}`, { rows, cols }) : null,
  };
}

export function MaskPanel({ ctx, text }: { ctx: AnalysisContext; text: AnalysisText }) {
  const { trace, dims } = ctx;
  const { gridRows: rows, gridCols: cols } = trace.layout;
  const [opening] = useState(() => fromAddress(rows, cols));
  const [edits, edit] = useReducer(editMask, opening.masked, noEdits);
  const [fill, setFill] = useState<MaskFill>(opening.fill);
  const [brush, setBrush] = useState<Brush>('mask');
  const [focus, setFocus] = useState(0);
  // another model with another grid: start again with nothing masked
  const fits = edits.masked.length === rows * cols;
  useEffect(() => {
    if (!fits) edit({ type: 'reset', masked: new Array<boolean>(rows * cols).fill(false) });
  }, [fits, rows, cols]);
  const masked = fits ? edits.masked : new Array<boolean>(rows * cols).fill(false);
  const indices = maskedIndices(masked);

  const normalisation = useMemo(() => normalisationOf(ctx.preprocessor), [ctx.preprocessor]);
  const keep = useMemo(() => masked.map((m) => !m), [masked]);
  const maskedInput = useMemo(
    () =>
      maskPatches(
        trace.input.data,
        { channels: trace.config.numChannels, size: dims.S, patchSize: dims.P },
        keep,
        { kind: fill, normalisation },
      ),
    [trace, keep, fill, normalisation],
  );
  const run = useMaskRun(ctx, indices.length > 0 ? maskedInput : null, keep);
  const maskedPixels = useMemo(
    () => ({ width: dims.S, height: dims.S, data: inputToRgba(maskedInput, dims.S, normalisation) }),
    [maskedInput, normalisation],
  );

  // the address keeps the mask, so a copied link reopens it
  useEffect(() => {
    const params = maskToParams(new URLSearchParams(location.search), indices, fill, rows, cols);
    history.replaceState(history.state, '', `?${params.toString()}${location.hash}`);
  }, [indices.join('_'), fill, rows, cols]);

  useUndoKey(useCallback(() => edit({ type: 'undo' }), []));

  const value = brush === 'mask';
  const result = run.state === 'done' ? run.result : run.state === 'running' ? run.previous : null;
  const L = trace.layers.length;
  const fillName = t(`mask.fills.${fill}`);
  return (
    <AnalysisFrame
      text={text}
      shape={t('mask.shape', { C: trace.config.numChannels, S: dims.S, P: dims.P, rows, cols, K: dims.C, L, h: dims.h, T: dims.T })}
    >
      {opening.notice && (
        <p className="mask-notice" role="status" data-testid="mask-notice">
          {opening.notice}
        </p>
      )}
      <div className="analysis-controls">
        <label>
          {t('mask.brush')}{' '}
          <select data-testid="mask-mode" value={brush} onChange={(e) => setBrush(e.target.value as Brush)}>
            <option value="mask">{t('mask.brushMask')}</option>
            <option value="unmask">{t('mask.brushUnmask')}</option>
          </select>
        </label>
        <label>
          {t('mask.fill')}{' '}
          <select data-testid="mask-fill" value={fill} onChange={(e) => setFill(e.target.value as MaskFill)}>
            {MASK_FILLS.map((f) => (
              <option key={f} value={f}>
                {t(`mask.fills.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" data-testid="mask-undo" disabled={edits.undo.length === 0} onClick={() => edit({ type: 'undo' })}>
          {t('mask.undo')}
        </button>
        <button type="button" data-testid="mask-clear" disabled={indices.length === 0} onClick={() => edit({ type: 'clear' })}>
          {t('mask.clear')}
        </button>
        <span className="muted" data-testid="mask-count" data-count={indices.length}>
          {t('mask.count', { count: indices.length, N: rows * cols })}
        </span>
      </div>
      <p className="muted">{t('mask.help')}</p>
      <div className="figure-row">
        <figure>
          <MaskGrid
            pixels={ctx.pixels}
            rows={rows}
            cols={cols}
            masked={masked}
            focus={Math.min(focus, rows * cols - 1)}
            onStroke={(patch) => edit({ type: 'stroke', patch, value })}
            onPaint={(patch) => edit({ type: 'paint', patch, value })}
            onToggle={(patch) => edit({ type: 'toggle', patch })}
            onFocus={setFocus}
            size={OVERLAY_SIZE}
            label={t('mask.gridLabel', { rows, cols })}
            describedBy="mask-cell-readout"
          />
          <figcaption id="mask-cell-readout" data-testid="mask-cell-readout">
            {t('mask.cell', {
              patch: focus,
              row: Math.floor(focus / cols),
              col: focus % cols,
              state: masked[focus] ? t('mask.masked') : t('mask.visible'),
            })}
          </figcaption>
        </figure>
        <figure>
          <PixelsCanvas pixels={maskedPixels} box={OVERLAY_SIZE} label={t('mask.imageLabel')} testId="mask-image" />
          <figcaption>{t('mask.imageCaption', { C: trace.config.numChannels, S: dims.S, fill: fillName })}</figcaption>
        </figure>
      </div>
      <div className="mask-result" data-testid="mask-result" data-state={run.state} aria-live="polite" aria-busy={run.state === 'running'}>
        {run.state === 'idle' && <p className="muted">{t('mask.hint')}</p>}
        {run.state === 'running' && <p className="muted">{t('mask.running')}</p>}
        {run.state === 'failed' && <p className="error">{t('mask.failed', { message: run.message })}</p>}
        {result && (
          <div className={run.state === 'running' ? 'stale' : undefined}>
            {trace.probs ? (
              <>
                <div className="figure-row">
                  <ClassShiftTable title={t('mask.before')} rows={result.before} side="before" testId="mask-top-before" />
                  <ClassShiftTable title={t('mask.after')} rows={result.after} side="after" testId="mask-top-after" />
                </div>
                <p data-testid="mask-flipped">{result.flipped ? t('mask.flipped') : t('mask.held')}</p>
              </>
            ) : (
              <p className="muted">{t('mask.noClassifier')}</p>
            )}
            <h4>{t('mask.attentionTitle', { L, h: dims.h })}</h4>
            <p className="muted">
              {t('mask.attentionExplain', { row: trace.layout.clsToken !== null ? t('mask.rowCls') : t('mask.rowMean') })}
            </p>
            <AttentionShiftMap values={result.attentionShift} layers={L} heads={dims.h} />
          </div>
        )}
      </div>
    </AnalysisFrame>
  );
}
