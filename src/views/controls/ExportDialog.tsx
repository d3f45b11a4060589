import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { t } from '../../i18n';
import { isPartial, recordedLayers, type VitTrace } from '../../model/trace';
import { MAX_NPZ_BYTES } from '../../model/traceNpz';
import {
  EXPORT_WARN_ABOVE_BYTES,
  exportBytes,
  formatLayerList,
  layersToRun,
  parseLayerList,
  type ExportProgress,
  type LayerListError,
} from '../../model/traceExport';
import './exportDialog.css';

export interface ExportDialogProps {
  /** the trace to export (the one on screen when the dialog opened) */
  trace: VitTrace;
  /** the re-run under way, or null */
  progress: ExportProgress | null;
  /** the file is being written */
  writing: boolean;
  /** why the last export failed, or null */
  failed: string | null;
  /** writes trace.npz with these layers (sorted, distinct) */
  onExport: (layers: number[]) => void;
  /** Cancel, Escape: closes the dialog and stops a run */
  onClose: () => void;
  /** bytes in words (memoryEstimate's formatSize: passed in, so this lazy chunk shares no module with the page's first script) */
  formatSize: (bytes: number) => string;
}

type Choice = 'shown' | 'all' | 'custom';

function errorText(e: LayerListError): string {
  switch (e.kind) {
    case 'empty':
      return t('exportDialog.empty');
    case 'syntax':
      return t('exportDialog.syntax', { part: e.part });
    case 'range':
      return t('exportDialog.range', { part: e.part, max: e.max });
    case 'reversed':
      return t('exportDialog.reversed', { part: e.part });
  }
}

/**
 * Asks which layers trace.npz holds: those kept on the page, all, or a typed list ("0-3, 11"); says
 * the file's size and warns when it is large; shows the re-runs' progress. A modal <dialog>: focus
 * stays in it, Escape closes it, and focus goes back to the button that opened it.
 */
export function ExportDialog({ trace, progress, writing, failed, onExport, onClose, formatSize }: ExportDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const id = useId();
  const numLayers = trace.layers.length;
  const kept = useMemo(() => recordedLayers(trace), [trace]);
  const [choice, setChoice] = useState<Choice>(isPartial(trace) ? 'shown' : 'all');
  const [text, setText] = useState(() => formatLayerList(kept));
  const parsed = useMemo(() => parseLayerList(text, numLayers), [text, numLayers]);
  const layers = choice === 'all' ? trace.layers.map((_, l) => l) : choice === 'shown' ? kept : parsed.ok ? parsed.layers : null;
  const bytes = layers ? exportBytes(trace, layers) : null;
  const toRun = layers ? layersToRun(trace, layers).length : 0;
  const tooLarge = bytes !== null && bytes > MAX_NPZ_BYTES;
  const busy = writing || progress !== null;

  useEffect(() => {
    const dialog = ref.current!;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    dialog.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.focus();
    return () => {
      dialog.close();
      opener?.focus();
    };
  }, []);

  // the explainer's keys (←/→, ↑/↓, [ ]) are the page's, not the dialog's
  const keepKeys = (event: KeyboardEvent) => event.stopPropagation();
  const option = (value: Choice, label: string) => (
    <label className="export-option">
      <input
        type="radio"
        name={`${id}-layers`}
        value={value}
        checked={choice === value}
        disabled={busy}
        onChange={() => setChoice(value)}
        data-testid={`export-layers-${value}`}
      />{' '}
      {label}
    </label>
  );

  return (
    <dialog
      ref={ref}
      className="export-dialog"
      data-testid="export-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-explain`}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={keepKeys}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (!layers || busy || tooLarge) return;
          // the choices are disabled while it runs: Cancel keeps the focus
          cancel.current?.focus();
          onExport(layers);
        }}
      >
        <h2 id={`${id}-title`}>{t('exportDialog.title')}</h2>
        <p id={`${id}-explain`} className="explain">
          {t('exportDialog.explain')}
        </p>
        <fieldset disabled={busy}>
          <legend>{t('exportDialog.layers')}</legend>
          {option('shown', t('exportDialog.shown', { list: formatLayerList(kept) }))}
          {option('all', t('exportDialog.all', { count: numLayers }))}
          {option('custom', t('exportDialog.custom'))}
          <input
            type="text"
            className="export-custom"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            placeholder="0-3, 11"
            aria-label={t('exportDialog.customLabel')}
            aria-invalid={choice === 'custom' && !parsed.ok}
            aria-describedby={choice === 'custom' && !parsed.ok ? `${id}-error` : undefined}
            value={text}
            onChange={(event) => {
              setChoice('custom');
              setText(event.target.value);
            }}
            data-testid="export-layers-text"
          />
          {choice === 'custom' && !parsed.ok && (
            <p id={`${id}-error`} className="export-error" role="alert" data-testid="export-layers-error">
              {errorText(parsed.error)}
            </p>
          )}
        </fieldset>
        {bytes !== null && (
          <p className="export-size" data-testid="export-size" data-bytes={bytes} aria-live="polite">
            {t('exportDialog.size', { size: formatSize(bytes) })}
            {toRun > 0 && <> {t('exportDialog.toRun', { count: toRun })}</>}
          </p>
        )}
        {tooLarge ? (
          <p className="export-warning" role="alert" data-testid="export-too-large">
            {t('exportDialog.tooLarge')}
          </p>
        ) : (
          bytes !== null &&
          bytes > EXPORT_WARN_ABOVE_BYTES && (
            <p className="export-warning" data-testid="export-warning">
              {t('exportDialog.large', { limit: formatSize(EXPORT_WARN_ABOVE_BYTES).replace(/\.0+ /, ' ') })}
            </p>
          )
        )}
        {busy && (
          <div className="export-progress" data-testid="export-progress" aria-live="polite">
            <progress value={progress?.done ?? 1} max={progress?.count ?? 1} />
            <span>
              {progress
                ? t('exportDialog.running', { layer: progress.layer, done: progress.done + 1, count: progress.count })
                : t('exportDialog.writing')}
            </span>
          </div>
        )}
        {failed && (
          <p className="export-error" role="alert" data-testid="export-failed">
            {t('exportDialog.failed', { message: failed })}
          </p>
        )}
        <div className="export-actions">
          <button type="button" ref={cancel} onClick={onClose} data-testid="export-cancel">
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!layers || busy || tooLarge} data-testid="export-confirm">
            {t('exportDialog.export')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
