import { headRow, patchPart } from '../../analysis/rows';
import type { Matrix } from '../../model/trace';
import type { TokenLayout } from '../../model/tokenLayout';
import { ImageOverlay } from './ImageOverlay';
import { t } from '../../i18n';

export interface ClsAttentionProps {
  attn: Matrix;
  pixels: ImageData;
  /** must have a [CLS] token */
  layout: TokenLayout;
  layer: number;
  head: number;
  onHead: (head: number) => void;
}

/** What [CLS] attends to, per head (as in the DINO paper's figures). */
export function ClsAttention({ attn, pixels, layout, layer, head, onHead }: ClsAttentionProps) {
  const heads = attn.shape[0]!;
  const cls = layout.clsToken;
  if (cls === null) throw new Error('this model has no [CLS] token to follow');
  return (
    <div className="cls-grid" data-testid="cls-attention">
      {Array.from({ length: heads }, (_, j) => (
        <figure key={j} className={j === head ? 'active' : undefined}>
          <button type="button" onClick={() => onHead(j)} aria-label={t('attention.chooseHead', { head: j })}>
            <ImageOverlay
              pixels={pixels}
              grid={layout.gridCols}
              values={patchPart(headRow(attn, j, cls), layout)}
              selected={null}
              size={96}
              label={t('attention.clsLabel', { layer, head: j })}
            />
          </button>
          <figcaption>{t('common.headN', { head: j })}</figcaption>
        </figure>
      ))}
    </div>
  );
}
