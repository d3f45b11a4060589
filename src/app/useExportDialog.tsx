/**
 * The "Export trace.npz" dialog on the page: the export's state (useTraceExport.ts) and the lazy
 * dialog that shows it. App puts `open` on the toolbar's button and `dialog` where it renders.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import type { VitTrace } from '../model/trace';
import { formatSize } from '../model/memoryEstimate';
import type { EngineClient } from '../worker/engineClient';
import { useTraceExport } from './useTraceExport';

// the export dialog (and the .npz writer) loads when "Export trace.npz" is first pressed
const ExportDialog = lazy(async () => ({ default: (await import('../views/controls/ExportDialog')).ExportDialog }));

export interface ExportDialogSlot {
  /** opens the dialog on the trace shown now */
  open: () => void;
  /** the dialog while it is open, else nothing */
  dialog: ReactNode;
}

export function useExportDialog(
  /** the session's trace: when it changes, the dialog closes */
  base: VitTrace | null,
  /** the trace on screen; those of its layers not recorded are re-run in the engine's worker */
  shown: VitTrace | null,
  engine: EngineClient | null,
  handle: number | null,
): ExportDialogSlot {
  const exporter = useTraceExport(base, shown, engine, handle);
  const dialog = exporter.trace && (
    <Suspense fallback={null}>
      <ExportDialog
        trace={exporter.trace}
        progress={exporter.progress}
        writing={exporter.writing}
        failed={exporter.failed}
        onExport={exporter.confirm}
        onClose={exporter.close}
        formatSize={formatSize}
      />
    </Suspense>
  );
  return { open: exporter.open, dialog };
}
