import { useMemo, useState } from 'react';
import { usePalette } from '../common/palette';
import { featureRgb, highNormTokens, median, patchNorms as patchNormsOf, rowNorms } from '../../analysis/tokenFeatures';
import { patchToToken, tokenLabel } from '../../model/tokenLayout';
import { ColorLegend } from '../common/ColorLegend';
import { RgbGrid, rgbaOf } from '../common/RgbGrid';
import { AnalysisFrame } from './AnalysisFrame';
import { OVERLAY_SIZE, PatchMap } from './PatchMap';
import type { AnalysisContext, AnalysisText } from './context';
import { LayerSelect } from './layerSelect';

const HIGH = 2;

export function TokenNormPanel({ ctx, text }: { ctx: AnalysisContext; text: AnalysisText }) {
  const palette = usePalette();
  const { dims, trace } = ctx;
  const L = trace.layers.length;
  const [layer, setLayer] = useState(L - 1);
  const out = trace.layers[Math.min(layer, L - 1)]!.out.data;
  const { layout } = dims;
  const norms = useMemo(() => rowNorms(out, dims.T, dims.D), [out, dims]);
  const patchNorms = useMemo(() => Float32Array.from(patchNormsOf(out, layout, dims.D)), [out, layout, dims.D]);
  const high = useMemo(() => highNormTokens(patchNorms, HIGH), [patchNorms]);
  const features = useMemo(() => featureRgb(out, layout, dims.D), [out, layout, dims.D]);
  const rgba = useMemo(() => rgbaOf(features.rgb, dims.N), [features, dims.N]);
  const mid = median(patchNorms);
  let hi = 0;
  for (const v of patchNorms) hi = Math.max(hi, v);
  const at = (p: number) => tokenLabel(layout, patchToToken(layout, p));
  return (
    <AnalysisFrame
      text={text}
      shape={`Layer ${layer}'s output [T, D] = [${dims.T}, ${dims.D}] → norms [T] = [${dims.T}], patches drawn ${dims.g} × ${dims.g}; patch features [N, D] = [${dims.N}, ${dims.D}] → 3 components [N, 3].`}
    >
      <div className="analysis-controls">
        <LayerSelect label="Layer output" layers={L} value={layer} onChange={setLayer} testId="norms-layer" markLast />
      </div>
      <div className="figure-row">
        <PatchMap
          ctx={ctx}
          values={patchNorms}
          label="Norm of each patch token"
          testId="norms-map"
          caption={<>‖token‖ per patch</>}
        />
        <div className="norm-facts">
          <ColorLegend domain={[0, hi]} interpolator={palette.sequential} width={180} title="token norm" />
          <p className="muted" data-testid="norms-prefix">
            median patch norm {mid.toFixed(2)}
            {layout.prefix
              .map((p, t) => `, ${p.name} ${norms[t]!.toFixed(2)} (${(norms[t]! / mid).toFixed(1)}× the median patch)`)
              .join('')}
            .
          </p>
          <p data-testid="norms-high">
            {high.length === 0
              ? `No patch reaches ${HIGH}× the median: no artifact tokens at this layer.`
              : `${high.length} patch${high.length > 1 ? 'es' : ''} at ≥ ${HIGH}× the median: ${high
                  .slice(0, 4)
                  .map((h) => `${at(h.token)} ${h.ratio.toFixed(1)}×`)
                  .join(', ')}${high.length > 4 ? ', …' : ''}.`}
          </p>
        </div>
        <figure>
          <RgbGrid
            rgba={rgba}
            rows={dims.g}
            cols={dims.g}
            width={OVERLAY_SIZE}
            height={OVERLAY_SIZE}
            label="First three principal components of the patch features as RGB"
            testId="features-pca"
          />
          <figcaption>
            PC1–3 as R, G, B ({features.explained.map((e) => `${(e * 100).toFixed(0)}%`).join(' · ')} of the variance)
          </figcaption>
        </figure>
      </div>
    </AnalysisFrame>
  );
}
