import { useMemo, useState } from 'react';
import { usePalette } from '../common/palette';
import {
  highNormTokens,
  median,
  patchNorms as patchNormsOf,
  copyPatchRows,
  rowNorms,
  type FeatureRgb,
} from '../../analysis/tokenFeatures';
import { offPage } from '../../worker/offPage';
import { useShownJob } from './useShownJob';
import { JobError } from './JobControls';
import { patchToToken } from '../../model/tokenLayout';
import { tokenLabel } from '../../i18n/tokenLabel';
import { ColorLegend } from '../common/ColorLegend';
import { RgbGrid, rgbaOf } from '../common/RgbGrid';
import { AnalysisFrame } from './AnalysisFrame';
import { OVERLAY_SIZE, PatchMap } from './PatchMap';
import type { AnalysisContext, AnalysisText } from './context';
import { LayerSelect } from './layerSelect';
import { t } from '../../i18n';

const HIGH = 2;

export function TokenNormPanel({ ctx, text }: { ctx: AnalysisContext; text: AnalysisText }) {
  const palette = usePalette();
  const { dims, trace } = ctx;
  const L = trace.layers.length;
  const [layer, setLayer] = useState(L - 1);
  const shownLayer = Math.min(layer, L - 1);
  const out = trace.layers[shownLayer]!.out.data;
  const { layout } = dims;
  const norms = useMemo(() => rowNorms(out, dims.T, dims.D), [out, dims]);
  const patchNorms = useMemo(() => Float32Array.from(patchNormsOf(out, layout, dims.D)), [out, layout, dims.D]);
  const high = useMemo(() => highNormTokens(patchNorms, HIGH), [patchNorms]);
  // the PCA of the patch features (ViT-B: 196 × 768, 0.1–0.2 s) in the analysis worker, kept per layer
  const { job: featuresJob, shown: features } = useShownJob<FeatureRgb>(ctx, `norm-features:${shownLayer}`, (control) => {
    const rows = copyPatchRows(out, layout, dims.D);
    return offPage('featureRgb', { rows, N: dims.N, D: dims.D }, control, [rows.buffer]);
  });
  const rgba = useMemo(() => (features ? rgbaOf(features.rgb, dims.N) : null), [features, dims.N]);
  const mid = median(patchNorms);
  let hi = 0;
  for (const v of patchNorms) hi = Math.max(hi, v);
  const at = (p: number) => tokenLabel(layout, patchToToken(layout, p));
  return (
    <AnalysisFrame text={text} shape={t('norms.shape', { layer, T: dims.T, D: dims.D, g: dims.g, N: dims.N })}>
      <div className="analysis-controls">
        <LayerSelect label={t('norms.layer')} layers={L} value={layer} onChange={setLayer} testId="norms-layer" markLast />
      </div>
      <div className="figure-row">
        <PatchMap ctx={ctx} values={patchNorms} label={t('norms.label')} testId="norms-map" caption={<>{t('norms.caption')}</>} />
        <div className="norm-facts">
          <ColorLegend domain={[0, hi]} interpolator={palette.sequential} width={180} title={t('norms.legend')} />
          <p className="muted" data-testid="norms-prefix">
            {t('norms.median', { v: mid.toFixed(2) })}
            {layout.prefix
              .map((p, i) => t('norms.prefix', { name: p.name, v: norms[i]!.toFixed(2), ratio: (norms[i]! / mid).toFixed(1) }))
              .join('')}
            {t('norms.end')}
          </p>
          <p data-testid="norms-high">
            {high.length === 0
              ? t('norms.none', { high: HIGH })
              : t('norms.high', {
                  count: high.length,
                  high: HIGH,
                  list:
                    high
                      .slice(0, 4)
                      .map((h) => `${at(h.token)} ${h.ratio.toFixed(1)}×`)
                      .join(t('card.comma')) + (high.length > 4 ? t('card.comma') + '…' : ''),
                })}
          </p>
        </div>
        <figure>
          {rgba && features ? (
            <RgbGrid
              rgba={rgba}
              rows={dims.g}
              cols={dims.g}
              width={OVERLAY_SIZE}
              height={OVERLAY_SIZE}
              label={t('norms.pcaLabel')}
              testId="features-pca"
            />
          ) : (
            <div className="figure-pending" style={{ width: OVERLAY_SIZE, height: OVERLAY_SIZE }} role="status">
              {featuresJob.state === 'error' ? null : t('norms.pcaComputing')}
            </div>
          )}
          <JobError job={featuresJob} />
          <figcaption>
            {features
              ? t('norms.pcaCaption', { pct: features.explained.map((e) => `${(e * 100).toFixed(0)}%`).join(' · ') })
              : t('norms.pcaLabel')}
          </figcaption>
        </figure>
      </div>
    </AnalysisFrame>
  );
}
