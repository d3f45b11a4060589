import { useMemo, useState } from 'react';
import { jointQueryKey, pcaLayout } from '../../analysis/qkSpace';
import { offPage } from '../../worker/offPage';
import { tokenLabel as labelOf } from '../../i18n/tokenLabel';
import { tokenToPatch } from '../../model/tokenLayout';
import { ScatterChart, type ScatterPoint } from '../common/ScatterChart';
import { AnalysisFrame } from './AnalysisFrame';
import { JobControls } from './JobControls';
import { PatchMap } from './PatchMap';
import type { AnalysisContext, AnalysisText } from './context';
import { t } from '../../i18n';

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
    <AnalysisFrame text={text} shape={t('qk.shape', { layer, head, T, d: dims.d, n: 2 * T })}>
      <div className="analysis-controls">
        <span role="radiogroup" aria-label={t('qk.layout')}>
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
            action={t('qk.run')}
            cost={t('qk.points', { n: 2 * T })}
            onStart={() => umap.start((control) => offPage('umap', { points: joint, n: 2 * T, d: dims.d }, control))}
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
          label={t('qk.label', { layer, head })}
          testId="qk-scatter"
          legend={[
            { color: QUERY, name: t('qk.query') },
            { color: KEY, name: t('qk.key'), hollow: true },
            {
              color: '#555',
              name: layout.prefix.length
                ? t('qk.large', { names: layout.prefix.map((p) => p.name).join(', ') })
                : t('qk.noPrefix'),
            },
          ]}
        />
        <PatchMap
          ctx={ctx}
          values={null}
          selected={selected}
          label={t('qk.hovered')}
          testId="qk-patch"
          captionTestId="qk-hover"
          caption={
            <>{hover === null ? t('qk.hover') : t(hover < T ? 'qk.queryOf' : 'qk.keyOf', { name: tokenLabel(hover % T) })}</>
          }
        />
      </div>
      {method === 'umap' && !umap.result && <p className="muted">{t('qk.untilUmap')}</p>}
    </AnalysisFrame>
  );
}
