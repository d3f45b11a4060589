import { useMemo } from 'react';
import { attentionOnObject, clsPatchAttention } from '../../analysis/objectAttention';
import type { TokenLayout } from '../../model/tokenLayout';
import type { Matrix } from '../../model/trace';
import { ImageOverlay } from './ImageOverlay';
import { t } from '../../i18n';

export interface ObjectAttentionProps {
  /** the last layer's attention [h, T, T] */
  attn: Matrix;
  numLayers: number;
  pixels: ImageData;
  /** must have a [CLS] token */
  layout: TokenLayout;
  /** how much of each patch the object covers, 0…1 (from the sample's mask) */
  coverage: number[];
  label: string;
}

/** Does the model look at the object? The last layer's [CLS] attention against the object's mask. */
export function ObjectAttention({ attn, numLayers, pixels, layout, coverage, label }: ObjectAttentionProps) {
  const row = useMemo(() => clsPatchAttention(attn, layout), [attn, layout]);
  if (!row) throw new Error('this model has no [CLS] token whose attention could fall on the object');
  const { share, area } = attentionOnObject(row, coverage);
  const outlined = useMemo(() => coverage.map((c) => c >= 0.25), [coverage]);
  // the share is set in bold inside the sentence, wherever the language puts it
  const [before, after] = t('attention.objectShare', {
    share: '\u0000',
    layer: numLayers - 1,
    label,
    area: (area * 100).toFixed(1),
  }).split('\u0000');
  return (
    <div className="object-attention">
      <ImageOverlay
        pixels={pixels}
        grid={layout.gridCols}
        values={row}
        selected={null}
        outlined={outlined}
        size={200}
        label={t('attention.objectLabel', { label })}
        testId="object-overlay"
      />
      <p data-testid="object-share">
        {before}
        <strong>{(share * 100).toFixed(1)}%</strong>
        {after}
        <span className="muted"> {t('attention.objectOutline')}</span>
      </p>
    </div>
  );
}
