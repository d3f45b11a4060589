import { cellToToken, tokenToPatch } from '../../model/tokenLayout';
import { tokenLabel } from '../../i18n/tokenLabel';
import { extent } from '../../analysis/rows';
import { ImageOverlay } from '../attention/ImageOverlay';
import type { StageProps } from './stageProps';
import { t } from '../../i18n';

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
        label={t('stage.patches.label', { g: dims.g })}
      />
      <div className="stage-side">
        {layout.prefix.map((p, i) => (
          <button
            key={p.name}
            type="button"
            className={selection.query === i ? 'token-chip active' : 'token-chip'}
            onClick={() => onSelect({ query: i })}
          >
            {tokenLabel(layout, i)}
          </button>
        ))}
        <p>
          {t('stage.patches.query')} <strong data-testid="query-token">{tokenName(selection.query)}</strong>
        </p>
        <p className="muted">
          {t('stage.patches.ranges')} {ranges.map(([l, h]) => `[${l.toFixed(2)}, ${h.toFixed(2)}]`).join(', ')}
        </p>
        <p className="muted">{t('stage.patches.click')}</p>
      </div>
    </div>
  );
}
