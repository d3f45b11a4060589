import { useMemo } from 'react';
import { MatrixView } from '../common/MatrixView';
import type { StageProps } from './stageProps';
import { t } from '../../i18n';

export function ContextStage({ trace, dims, selection, tokenName }: StageProps) {
  const { layer, head, query } = selection;
  const context = trace.layers[layer]!.context;
  const merged = useMemo(() => {
    // [h, T, d] → [T, h·d]: the heads side by side
    const out = new Float32Array(dims.T * dims.D);
    for (let hh = 0; hh < dims.h; hh++)
      for (let t = 0; t < dims.T; t++)
        out.set(context.data.subarray((hh * dims.T + t) * dims.d, (hh * dims.T + t + 1) * dims.d), t * dims.D + hh * dims.d);
    return out;
  }, [context, dims]);
  const h = Math.min(300, Math.max(140, dims.T * 2));
  return (
    <div className="stage-body">
      <div className="flow wrap">
        <MatrixView
          testId="context-head"
          title={`context${t('card.comma')}${t('common.headN', { head })}`}
          shape={`layer${layer}.context[${head}] [${dims.T}, ${dims.d}]`}
          values={context.data.subarray(head * dims.T * dims.d, (head + 1) * dims.T * dims.d)}
          rows={dims.T}
          cols={dims.d}
          rowName={tokenName}
          highlightRow={query}
          width={Math.min(240, Math.max(90, dims.d * 6))}
          height={h}
        />
        <span className="arrow">concat →</span>
        <MatrixView
          title={t('stage.context.side')}
          shape={`[${dims.T}, ${dims.h} × ${dims.d} = ${dims.D}]`}
          values={merged}
          rows={dims.T}
          cols={dims.D}
          rowName={tokenName}
          colName={(c) =>
            `${t('common.headN', { head: Math.floor(c / dims.d) })}${t('card.comma')}${t('matrix.dim', { c: c % dims.d })}`
          }
          highlightRow={query}
          width={420}
          height={h}
        />
      </div>
    </div>
  );
}
