/**
 * The export of trace.npz, through its dialog: opening it takes the trace on screen (a partial
 * trace with its re-run layer in place); confirming writes the chosen layers, re-running in the
 * engine's worker those the trace did not record (traceExport.ts), with progress and a cancel, and
 * downloads the file. A new trace (image, model, backend) cancels a run and closes the dialog: the
 * old trace's arrays may be freed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { VitTrace } from '../model/trace';
import type { ExportProgress } from '../model/traceExport';
import { downloadBlob } from '../platform/download';
import type { EngineClient } from '../worker/engineClient';

export interface TraceExport {
  /** the trace the open dialog exports; null while it is closed */
  trace: VitTrace | null;
  /** the re-run under way, or null */
  progress: ExportProgress | null;
  /** the file is being written (after the re-runs) */
  writing: boolean;
  /** why the last export failed (not a cancel), or null */
  failed: string | null;
  /** opens the dialog on the trace shown now */
  open: () => void;
  /** closes the dialog, cancelling a run */
  close: () => void;
  /** writes and downloads trace.npz with these layers (sorted, distinct) */
  confirm: (layers: number[]) => void;
}

export function useTraceExport(
  /** the session's trace: when it changes, the dialog closes */
  base: VitTrace | null,
  /** the trace on screen (the session's, with a re-run layer merged in) */
  shown: VitTrace | null,
  engine: EngineClient | null,
  handle: number | null,
): TraceExport {
  const [trace, setTrace] = useState<VitTrace | null>(null);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [writing, setWriting] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const run = useRef<AbortController | null>(null);

  const close = useCallback(() => {
    run.current?.abort(new DOMException('cancelled', 'AbortError'));
    run.current = null;
    setTrace(null);
    setProgress(null);
    setWriting(false);
    setFailed(null);
  }, []);
  useEffect(() => close, [base, close]);

  const open = useCallback(() => {
    setFailed(null);
    setTrace(shown);
  }, [shown]);

  const confirm = useCallback(
    (layers: number[]) => {
      if (!trace || run.current) return;
      const controller = new AbortController();
      run.current = controller;
      setFailed(null);
      setWriting(true);
      // the .npz writer came with the dialog's chunk: this import is already loaded
      import('../model/traceExport')
        .then(({ writeTraceNpz }) =>
          writeTraceNpz(trace, layers, {
            runLayer: (layer, input, signal) => {
              if (!engine || handle === null) throw new Error('the engine is not running');
              return engine.call('block', { handle, layer, input }, { signal });
            },
            signal: controller.signal,
            onProgress: (p) => setProgress(p.done < p.count ? p : null),
          }),
        )
        .then((blob) => {
          if (controller.signal.aborted) return;
          downloadBlob(blob, 'trace.npz');
          close();
        })
        .catch((e: unknown) => {
          if (controller.signal.aborted) return;
          run.current = null;
          setProgress(null);
          setWriting(false);
          setFailed(e instanceof Error ? e.message : String(e));
        });
    },
    [trace, engine, handle, close],
  );

  return { trace, progress, writing, failed, open, close, confirm };
}
