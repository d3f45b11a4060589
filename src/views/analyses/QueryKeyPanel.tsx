import { useMemo, useState } from 'react';
import { jointQueryKey, pcaLayout, umapLayout } from '../../analysis/qkSpace';
import { tokenLabel as labelOf } from '../../i18n/tokenLabel';
import { tokenToPatch } from '../../model/tokenLayout';
import { ScatterChart, type ScatterPoint } from '../common/ScatterChart';
import { AnalysisFrame } from './AnalysisFrame';
import { JobControls } from './JobControls';
import { PatchMap } from './PatchMap';
import type { AnalysisContext, AnalysisText } from './context';

const QUERY = '#e8590c';
const KEY = '#1c7ed6';

export function QueryKeyPanel({ ctx, text }: { ctx: AnalysisContext; text: AnalysisText }) {
  const { dims, trace, layer, head } = ctx;
  const T = dims.T;
  const joint = useMemo(
    () => jointQueryKey(trace.layers[layer]!.q.data, trace.layers[layer]!.k.data, head, T, dims.d),
    [trace, layer, head, T, dims.d],
  );
  const pcaPoints = useMemo(() => pcaLayout(joint, 2 * T, dims.d), [joint, T, dims.d]);
  const umap = ctx.jobs.job<Float64Array>(`qk-umap:${layer}:${head}`);
  const [method, setMethod] = useState<'pca' | 'umap'>('pca');
  const [hover, setHover] = useState<number | null>(null);
  const points2d = method === 'umap' && umap.result ? umap.result : pcaPoints;
  const { layout } = dims;
  const tokenLabel = (t: number) => labelOf(layout, t);
  const points: ScatterPoint[] = Array.from({ length: 2 * T }, (_, i) => {
    const t = i % T;
    const isQuery = i < T;
    const cls = tokenToPatch(layout, t) === null;
    return {
      x: points2d[i * 2]!,
      y: points2d[i * 2 + 1]!,
      color: isQuery ? QUERY : KEY,
      r: cls ? 6 : 3,
      hollow: !isQuery,
      title: `${isQuery ? 'query' : 'key'} of ${tokenLabel(t)}`,
    };
  });
  const hoveredToken = hover === null ? null : hover % T;
  const patch = hoveredToken === null ? null : tokenToPatch(layout, hoveredToken);
  const selected = patch !== null ? { row: Math.floor(patch / layout.gridCols), col: patch % layout.gridCols } : null;
  return (
    <AnalysisFrame
      text={text}
      shape={`Layer ${layer}, head ${head}: queries and keys [T, d] = [${T}, ${dims.d}] each → ${2 * T} points in 2-D. Choose the layer and head with ↑/↓ and [/] (or in the explainer).`}
    >
      <div className="analysis-controls">
        <span role="radiogroup" aria-label="Layout">
          <label>
            <input type="radio" name="qk-method" checked={method === 'pca'} onChange={() => setMethod('pca')} /> PCA
          </label>
          <label>
            <input
              type="radio"
              name="qk-method"
              data-testid="qk-umap"
              checked={method === 'umap'}
              onChange={() => setMethod('umap')}
            />{' '}
            UMAP
          </label>
        </span>
        {method === 'umap' && (
          <JobControls
            job={umap}
            action="Run UMAP"
            cost={`${2 * T} points`}
            onStart={() => umap.start(({ signal, onProgress }) => umapLayout(joint, 2 * T, dims.d, { signal, onProgress }))}
          />
        )}
      </div>
      <div className="figure-row">
        <ScatterChart
          points={points}
          xLabel={method === 'umap' && umap.result ? 'UMAP 1' : 'PC 1'}
          yLabel={method === 'umap' && umap.result ? 'UMAP 2' : 'PC 2'}
          width={420}
          height={340}
          onHover={setHover}
          highlighted={hover}
          label={`Queries and keys of layer ${layer}, head ${head}`}
          testId="qk-scatter"
          legend={[
            { color: QUERY, name: 'query' },
            { color: KEY, name: 'key', hollow: true },
            {
              color: '#555',
              name: layout.prefix.length ? `large: ${layout.prefix.map((p) => p.name).join(', ')}` : 'no prefix tokens',
            },
          ]}
        />
        <PatchMap
          ctx={ctx}
          values={null}
          selected={selected}
          label="The hovered point's patch"
          testId="qk-patch"
          captionTestId="qk-hover"
          caption={<>{hover === null ? 'hover a point' : `${hover < T ? 'query' : 'key'} of ${tokenLabel(hover % T)}`}</>}
        />
      </div>
      {method === 'umap' && !umap.result && <p className="muted">Showing PCA until UMAP has run.</p>}
    </AnalysisFrame>
  );
}
