import { useMemo } from 'react';
import { interpolateSinebow, schemeTableau10 } from 'd3-scale-chromatic';
import { attentionDistanceRuledOut, averageDistances, distancesByLayer } from '../../analysis/attentionDistance';
import { ScatterChart, type ScatterPoint } from '../common/ScatterChart';
import { AnalysisFrame } from './AnalysisFrame';
import { JobControls } from './JobControls';
import type { AnalysisContext, AnalysisText } from './context';
import { t } from '../../i18n';

export function DistancePanel({ ctx, text }: { ctx: AnalysisContext; text: AnalysisText }) {
  const { dims, trace } = ctx;
  const headColor = (k: number) => (dims.h <= 10 ? schemeTableau10[k]! : interpolateSinebow(k / dims.h));
  const ruledOut = attentionDistanceRuledOut(dims.layout, trace.layers[0]?.attn.shape[1] ?? 0);
  const here = useMemo(
    () =>
      ruledOut
        ? []
        : distancesByLayer(
            trace.layers.map((l) => l.attn.data),
            dims.h,
            dims.layout,
            dims.P,
          ),
    [trace, dims, ruledOut],
  );
  const gallery = ctx.jobs.job<{ mean: Float64Array[]; count: number }>('distance-gallery', 'model');
  const jitter = (k: number) => (dims.h > 1 ? (k / (dims.h - 1) - 0.5) * 0.3 : 0);
  const headPoints = (distances: Float64Array[], hollow: boolean, what: string): ScatterPoint[] =>
    distances.flatMap((layer, l) =>
      Array.from(layer, (d, k) => ({
        x: l + jitter(k),
        y: d,
        color: headColor(k),
        r: hollow ? 5 : 4,
        hollow,
        title: t('distance.point', { what, layer: l, head: k, d: d.toFixed(1) }),
      })),
    );
  const points = [
    ...headPoints(here, false, t('distance.thisImage')),
    ...headPoints(gallery.result?.mean ?? [], true, t('distance.galleryMean')),
  ];
  const maxDistance = dims.P * Math.hypot(dims.layout.gridRows - 1, dims.layout.gridCols - 1);
  if (ruledOut) {
    return (
      <AnalysisFrame text={text} shape={t('distance.shapeNone', { h: dims.h, T: dims.T })}>
        <p className="explain" data-testid="analysis-ruled-out">
          {ruledOut}
        </p>
      </AnalysisFrame>
    );
  }
  return (
    <AnalysisFrame
      text={text}
      shape={t('distance.shape', { h: dims.h, T: dims.T, L: dims.h === 0 ? 0 : here.length, S: dims.S, P: dims.P })}
    >
      <JobControls
        job={gallery}
        action={t('distance.action')}
        cost={t('distance.cost')}
        onStart={() =>
          gallery.start(async ({ signal, onProgress }) => {
            // each sample's attention reduced to its distances as it comes, then let go
            const perImage: Float64Array[][] = [];
            for await (const image of ctx.engine.galleryAttention({ signal, onProgress })) {
              perImage.push(distancesByLayer(image.attention, dims.h, dims.layout, dims.P));
            }
            return { mean: averageDistances(perImage), count: perImage.length };
          })
        }
      />
      <ScatterChart
        points={points}
        xLabel={t('distance.x')}
        yLabel={t('distance.y')}
        xDomain={[-0.5, here.length - 0.5]}
        yDomain={[0, maxDistance * 0.75]}
        xIntegers
        width={520}
        height={300}
        label={t('distance.label')}
        testId="distance-chart"
        legend={[
          ...Array.from({ length: Math.min(dims.h, 12) }, (_, k) => ({
            color: headColor(k),
            name: t('common.headN', { head: k }),
          })),
          { color: '#555', name: t('distance.filled') },
          {
            color: '#555',
            name: gallery.result ? t('distance.rings', { count: gallery.result.count }) : t('distance.ringsPending'),
            hollow: true,
          },
        ]}
      />
    </AnalysisFrame>
  );
}
