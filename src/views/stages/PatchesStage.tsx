import { cellToToken, tokenLabel, tokenToPatch } from '../../model/tokenLayout';
import { extent } from '../../analysis/rows';
import { ImageOverlay } from '../attention/ImageOverlay';
import type { StageProps } from './stageProps';

/** The input image cut into its patch grid, with token indices; click a patch to make it the query. */
export function PatchesStage({ trace, dims, selection, onSelect, pixels, tokenName }: StageProps) {
  const { layout } = dims;
  const patch = tokenToPatch(layout, selection.query);
  const selected = patch === null ? null : { row: Math.floor(patch / dims.g), col: patch % dims.g };
  const plane = dims.S * dims.S;
  const ranges = [0, 1, 2].map((c) => extent(trace.input.data.subarray(c * plane, (c + 1) * plane)));
  return (
    <div className="stage-body">
      <ImageOverlay
        testId="patch-grid"
        pixels={pixels}
        grid={dims.g}
        values={null}
        selected={selected}
        showIndices
        firstToken={layout.prefix.length}
        onPickPatch={(row, col) => onSelect({ query: cellToToken(layout, row, col) })}
        size={320}
        label={`The input cut into ${dims.g} by ${dims.g} patches; the query patch is outlined`}
      />
      <div className="stage-side">
        {layout.prefix.map((p, t) => (
          <button
            key={p.name}
            type="button"
            className={selection.query === t ? 'token-chip active' : 'token-chip'}
            onClick={() => onSelect({ query: t })}
          >
            {tokenLabel(layout, t)}
          </button>
        ))}
        <p>
          Query token: <strong data-testid="query-token">{tokenName(selection.query)}</strong>
        </p>
        <p className="muted">
          Normalised input values per channel (R, G, B): {ranges.map(([l, h]) => `[${l.toFixed(2)}, ${h.toFixed(2)}]`).join(', ')}
        </p>
        <p className="muted">Click a patch (or focus the image and use the arrow keys) to follow it through the layers.</p>
      </div>
    </div>
  );
}
