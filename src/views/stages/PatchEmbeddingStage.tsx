import { useEffect, useRef } from 'react';
import { patchToToken, prefixTokenAt, tokenToPatch } from '../../model/tokenLayout';
import { tokenLabel } from '../../i18n/tokenLabel';
import { MatrixView } from '../common/MatrixView';
import type { StageProps } from './stageProps';
import { t } from '../../i18n';

/** One patch's pixels, enlarged. */
function PatchPixels({
  pixels,
  row,
  col,
  patch,
  size,
}: {
  pixels: ImageData;
  row: number;
  col: number;
  patch: number;
  size: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current!;
    canvas.width = patch;
    canvas.height = patch;
    const crop = canvas.getContext('2d')!.createImageData(patch, patch);
    for (let y = 0; y < patch; y++) {
      const from = ((row * patch + y) * pixels.width + col * patch) * 4;
      crop.data.set(pixels.data.subarray(from, from + patch * 4), y * patch * 4);
    }
    canvas.getContext('2d')!.putImageData(crop, 0, 0);
  }, [pixels, row, col, patch]);
  return (
    <canvas
      ref={ref}
      className="pixelated"
      style={{ width: size, height: size }}
      role="img"
      aria-label={t('stage.embed.pixels')}
    />
  );
}

export function PatchEmbeddingStage({ trace, dims, selection, onSelect, pixels }: StageProps) {
  const { layout } = dims;
  const prefixQuery = prefixTokenAt(layout, selection.query);
  const patch = tokenToPatch(layout, selection.query) ?? 0;
  const row = Math.floor(patch / dims.g);
  const col = patch % dims.g;
  const token = trace.patchTokens.data.subarray(patch * dims.D, (patch + 1) * dims.D);
  const patchName = (p: number) => tokenLabel(layout, patchToToken(layout, p));
  return (
    <div className="stage-body">
      <div className="flow">
        <figure>
          <figcaption>
            <strong>{t('stage.embed.patch', { patch })}</strong>{' '}
            <span className="shape">
              [3, {dims.P}, {dims.P}] = {t('stage.embed.values', { n: 3 * dims.P * dims.P })}
            </span>
          </figcaption>
          <PatchPixels pixels={pixels} row={row} col={col} patch={dims.P} size={120} />
        </figure>
        <span className="arrow" aria-hidden>
          → · E + b →
        </span>
        <MatrixView
          testId="patch-token-vector"
          title={t('stage.embed.itsToken')}
          shape={`[${dims.D}]`}
          values={token}
          rows={1}
          cols={dims.D}
          rowName={() => patchName(patch)}
          width={360}
          height={28}
        />
      </div>
      {prefixQuery && <p className="muted">{t('stage.embed.prefixQuery', { name: prefixQuery.name })}</p>}
      <MatrixView
        testId="patch-tokens"
        title={t('stage.embed.all')}
        shape={`patch_tokens [${dims.N}, ${dims.D}]`}
        values={trace.patchTokens.data}
        rows={dims.N}
        cols={dims.D}
        rowName={patchName}
        highlightRow={patch}
        width={560}
        height={Math.min(300, Math.max(120, dims.N * 2))}
      />
      <p className="muted">
        {t('stage.embed.rows', { D: dims.D })}{' '}
        <button type="button" className="link" onClick={() => onSelect({ stage: 'patches' })}>
          {t('stage.embed.another')}
        </button>
      </p>
    </div>
  );
}
