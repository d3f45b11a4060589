/**
 * Re-runs the model on the masked input once the mask has stopped changing for a moment; a newer
 * mask aborts the run in flight. The result belongs to the mask and trace it was made for.
 */
import { useEffect, useState } from 'react';
import { maskWhatIf, type MaskWhatIf } from '../../analysis/maskWhatIf';
import type { AnalysisContext } from '../analyses/context';

export const RERUN_DELAY_MS = 250;

export type MaskRun =
  | { state: 'idle' }
  | { state: 'running'; previous: MaskWhatIf | null }
  | { state: 'done'; result: MaskWhatIf }
  | { state: 'failed'; message: string };

export function useMaskRun(ctx: AnalysisContext, input: Float32Array | null, keep: readonly boolean[]): MaskRun {
  const [run, setRun] = useState<MaskRun>({ state: 'idle' });
  useEffect(() => {
    if (!input) {
      setRun({ state: 'idle' });
      return;
    }
    setRun((old) => ({ state: 'running', previous: old.state === 'done' ? old.result : old.state === 'running' ? old.previous : null }));
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const { trace, engine, labels } = ctx;
      engine
        .logitsAndAttention(input, { signal: controller.signal })
        .then(({ logits, attention }) => {
          if (controller.signal.aborted) return;
          const before = trace.layers.map((l) => l.attn.data);
          const result = maskWhatIf(trace.probs?.data ?? null, logits, before, attention, ctx.dims.h, trace.layout, keep, labels);
          setRun({ state: 'done', result });
        })
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setRun({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
        });
    }, RERUN_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // the input is made from the mask, fill and trace: it changes exactly when a re-run is due
  }, [input]);
  return run;
}
