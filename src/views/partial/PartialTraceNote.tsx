import { estimateMemory, formatSize } from '../../model/memoryEstimate';
import { recordedLayers } from '../../model/partialTrace';
import type { VitTrace } from '../../model/trace';
import { t } from '../../i18n';

/** Says why the views across every layer are hidden for a partial trace, and how to get them. */
export function PartialTraceNote({ trace, base }: { trace: VitTrace; base: VitTrace }) {
  const full = formatSize(estimateMemory(trace.config, trace.probs?.data.length ?? 0).fullTraceBytes);
  return (
    <p className="panel explain" role="note" data-testid="partial-trace-note">
      {t('partial.note', { layers: recordedLayers(base).join(', '), count: trace.config.numLayers, full })}{' '}
      {t('partial.noteAll', { full })}
    </p>
  );
}
