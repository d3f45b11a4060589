import { useMemo, useRef, useState } from 'react';
import { usePalette } from '../common/palette';
import { rolloutMapOf, type HeadFusion } from '../../analysis/rollout';
import { extent } from '../../analysis/rows';
import { ColorLegend } from '../common/ColorLegend';
import { AnalysisFrame } from './AnalysisFrame';
import { PatchMap } from './PatchMap';
import type { AnalysisContext, AnalysisText } from './context';
import { LayerSelect } from './layerSelect';
import { t } from '../../i18n';
import { imageRowLabel } from './mapNames';
import { useLatchedWhileFar, useNearScreen } from '../common/useNearScreen';

/** Rollout multiplies every layer's attention (ViT-B: tens of ms): while the panel is far off screen it keeps its last map and image. */
export function RolloutPanel({ ctx: current, text }: { ctx: AnalysisContext; text: AnalysisText }) {
  const palette = usePalette();
  const ref = useRef<HTMLDivElement>(null);
  const ctx = useLatchedWhileFar(current, useNearScreen(ref));
  const { dims } = ctx;
  const L = ctx.trace.layers.length;
  const [fusion, setFusion] = useState<HeadFusion>('mean');
  const [discard, setDiscard] = useState(0);
  const [upTo, setUpTo] = useState(L - 1);
  const layer = Math.min(upTo, L - 1);
  const map = useMemo(
    () => rolloutMapOf(ctx.trace, { fusion, discardRatio: discard, upToLayer: layer }),
    [ctx.trace, fusion, discard, layer],
  );
  const domain: [number, number] = [0, extent(map)[1]];
  const row = imageRowLabel(dims.layout);
  return (
    <AnalysisFrame text={text} shape={t('rollout.shape', { T: dims.T, layer, row, N: dims.N, g: dims.g })}>
      <div className="analysis-controls">
        <label>
          {t('rollout.fusion')}{' '}
          <select data-testid="rollout-fusion" value={fusion} onChange={(e) => setFusion(e.target.value as HeadFusion)}>
            <option value="mean">{t('rollout.mean')}</option>
            <option value="max">{t('rollout.max')}</option>
            <option value="min">{t('rollout.min')}</option>
          </select>
        </label>
        <label>
          {t('rollout.discard')}{' '}
          <input
            type="range"
            data-testid="rollout-discard"
            min={0}
            max={0.95}
            step={0.05}
            value={discard}
            onChange={(e) => setDiscard(Number(e.target.value))}
          />{' '}
          {(discard * 100).toFixed(0)}%
        </label>
        <LayerSelect label={t('rollout.upTo')} layers={L} value={layer} onChange={setUpTo} testId="rollout-layer" />
      </div>
      <div className="figure-row" ref={ref}>
        <PatchMap
          ctx={ctx}
          values={map}
          label={t('rollout.label', { layer })}
          testId="rollout-map"
          caption={<>{t('rollout.caption', { row, fusion: t(`rollout.${fusion}`) })}</>}
        />
        <ColorLegend
          domain={domain}
          interpolator={palette.sequential}
          width={200}
          title={dims.layout.clsToken !== null ? t('rollout.legendCls') : t('rollout.legendTokens')}
        />
      </div>
    </AnalysisFrame>
  );
}
