import { headRow, patchPart } from '../../analysis/rows';
import type { Matrix } from '../../model/trace';
import { ImageOverlay } from './ImageOverlay';

export interface ClsAttentionProps {
  attn: Matrix;
  pixels: ImageData;
  grid: number;
  layer: number;
  head: number;
  onHead: (head: number) => void;
}

/** What [CLS] attends to, per head (as in the DINO paper's figures). */
export function ClsAttention({ attn, pixels, grid, layer, head, onHead }: ClsAttentionProps) {
  const heads = attn.shape[0]!;
  return (
    <div className="cls-grid" data-testid="cls-attention">
      {Array.from({ length: heads }, (_, j) => (
        <figure key={j} className={j === head ? 'active' : undefined}>
          <button type="button" onClick={() => onHead(j)} aria-label={`Choose head ${j}`}>
            <ImageOverlay
              pixels={pixels}
              grid={grid}
              values={patchPart(headRow(attn, j, 0), attn.shape[2]! - grid * grid)}
              selected={null}
              size={96}
              label={`[CLS] attention, layer ${layer}, head ${j}`}
            />
          </button>
          <figcaption>head {j}</figcaption>
        </figure>
      ))}
    </div>
  );
}
