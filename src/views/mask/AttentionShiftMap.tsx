import { useState } from 'react';
import { ColorLegend } from '../common/ColorLegend';
import { HeatmapCanvas, type Cell } from '../common/HeatmapCanvas';
import { usePalette } from '../common/palette';
import { t } from '../../i18n';

const CELL = 40;

/** The layers × heads grid of the change in attention to the visible patches, on a diverging scale centred on 0. */
export function AttentionShiftMap({ values, layers, heads }: { values: Float32Array; layers: number; heads: number }) {
  const { diverging } = usePalette();
  const [cell, setCell] = useState<Cell | null>(null);
  const [locked, setLocked] = useState<Cell | null>(null);
  const largest = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const reach = largest > 0 ? largest : 1e-6;
  const shown = cell ?? locked;
  const width = Math.min(420, Math.max(120, heads * CELL));
  return (
    <figure className="attention-shift" data-largest={largest}>
      <p className="muted">{t('mask.axes', { last: layers - 1, lastHead: heads - 1 })}</p>
      <HeatmapCanvas
        values={values}
        rows={layers}
        cols={heads}
        domain={[-reach, reach]}
        interpolator={diverging}
        width={width}
        height={Math.max(60, (layers * width) / heads)}
        onHoverCell={setCell}
        onSelectCell={(c) => setLocked((old) => (old?.row === c.row && old.col === c.col ? null : c))}
        marked={locked}
        label={t('mask.attentionLabel')}
        testId="mask-attention"
        describedBy="mask-attention-readout"
      />
      <ColorLegend domain={[-reach, reach]} interpolator={diverging} width={Math.max(220, width)} title={t('mask.legend')} />
      <figcaption id="mask-attention-readout" data-testid="mask-attention-readout">
        {shown
          ? t('mask.attentionCell', {
              layer: shown.row,
              head: shown.col,
              value: values[shown.row * heads + shown.col]!.toFixed(4),
            })
          : t('mask.attentionHover', { value: largest.toFixed(4) })}
      </figcaption>
    </figure>
  );
}
