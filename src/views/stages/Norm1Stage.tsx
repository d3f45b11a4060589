import { layerInput } from '../../analysis/rows';
import { MatrixView } from '../common/MatrixView';
import type { StageProps } from './stageProps';
import { t } from '../../i18n';

function meanStd(row: Float32Array): [number, number] {
  let mean = 0;
  for (const v of row) mean += v / row.length;
  let variance = 0;
  for (const v of row) variance += (v - mean) ** 2 / row.length;
  return [mean, Math.sqrt(variance)];
}

export function Norm1Stage({ trace, dims, selection, tokenName }: StageProps) {
  const { layer, query } = selection;
  const input = layerInput(trace, layer);
  const norm1 = trace.layers[layer]!.norm1;
  const [mean, std] = meanStd(input.data.subarray(query * dims.D, (query + 1) * dims.D));
  const [mean2, std2] = meanStd(norm1.data.subarray(query * dims.D, (query + 1) * dims.D));
  const h = Math.min(260, Math.max(120, dims.T * 2));
  return (
    <div className="stage-body">
      <div className="flow wrap">
        <MatrixView
          title={layer === 0 ? t('stage.norm1.inputEmbeddings') : t('stage.norm1.inputLayer', { layer: layer - 1 })}
          shape={`[${dims.T}, ${dims.D}]`}
          values={input.data}
          rows={dims.T}
          cols={dims.D}
          rowName={tokenName}
          highlightRow={query}
          width={340}
          height={h}
        />
        <span className="arrow">→ LN →</span>
        <MatrixView
          testId="norm1"
          title={`layer${layer}.norm1`}
          shape={`[${dims.T}, ${dims.D}]`}
          values={norm1.data}
          rows={dims.T}
          cols={dims.D}
          rowName={tokenName}
          highlightRow={query}
          width={340}
          height={h}
        />
      </div>
      <p className="numbers" data-testid="norm1-stats">
        {tokenName(query)}
        {t('stage.norm1.stats', { mean: mean.toFixed(3), std: std.toFixed(3), mean2: mean2.toFixed(3), std2: std2.toFixed(3) })}
      </p>
    </div>
  );
}
