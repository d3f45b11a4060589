import { useMemo } from 'react';
import { topK } from '../../analysis/topK';
import type { AnalysisContext } from './context';
import { t } from '../../i18n';

/** A class picker listing the model's top classes first, then all. */
export function ClassSelect({
  ctx,
  value,
  onChange,
  testId,
}: {
  ctx: AnalysisContext;
  value: number;
  onChange: (c: number) => void;
  testId?: string;
}) {
  const probs = ctx.trace.probs!.data;
  // a thousand options, sorted: made once per trace, not on every render of the panel around it
  const options = useMemo(
    () =>
      topK(probs, ctx.labels, probs.length).map((c, i) => (
        <option key={c.index} value={c.index}>
          {i + 1}. {c.label} ({(c.probability * 100).toFixed(1)}%)
        </option>
      )),
    [probs, ctx.labels],
  );
  return (
    <label>
      {t('classSelect.label')}{' '}
      <select data-testid={testId} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {options}
      </select>
    </label>
  );
}

export function topClass(ctx: AnalysisContext): number {
  return ctx.trace.probs ? topK(ctx.trace.probs.data, ctx.labels, 1)[0]!.index : 0;
}
