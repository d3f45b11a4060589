import { useMemo } from 'react';
import { impliedPositionEmbeddings } from '../../analysis/rows';
import { patchToToken, type TokenLayout } from '../../model/tokenLayout';
import { MatrixView } from '../common/MatrixView';
import type { StageProps } from './stageProps';
import { t } from '../../i18n';

/** "In the embeddings, row 0 is the learned [CLS] token and row 1 the learned [DIST] token, each plus its own position vector." */
function prefixRowsSentence(layout: TokenLayout, hasPos: boolean): string {
  const rows = layout.prefix.map((p, i) => t(i === 0 ? 'stage.position.rowFirst' : 'stage.position.row', { i, name: p.name }));
  const list =
    rows.length === 1 ? rows[0]! : t('card.list', { head: rows.slice(0, -1).join(t('card.comma')), last: rows.at(-1)! });
  const pos = hasPos ? t(rows.length === 1 ? 'stage.position.plusOne' : 'stage.position.plusEach') : '';
  return t('stage.position.sentence', { list, pos });
}

export function PositionStage({ trace, dims, selection, tokenName }: StageProps) {
  const positions = useMemo(
    () => (dims.hasPos ? impliedPositionEmbeddings(trace.embeddings, trace.patchTokens, dims.layout) : null),
    [trace, dims.hasPos, dims.layout],
  );
  const patchName = (p: number) => tokenName(patchToToken(dims.layout, p));
  const h = Math.min(260, Math.max(120, dims.T * 2));
  return (
    <div className="stage-body">
      <div className="flow wrap">
        <MatrixView
          title={t('stage.position.patchTokens')}
          shape={`[${dims.N}, ${dims.D}]`}
          values={trace.patchTokens.data}
          rows={dims.N}
          cols={dims.D}
          rowName={patchName}
          width={225}
          height={h}
        />
        {positions && (
          <>
            <span className="arrow">+</span>
            <MatrixView
              title={t('stage.position.positions')}
              shape={`[${dims.N}, ${dims.D}]`}
              values={positions}
              rows={dims.N}
              cols={dims.D}
              rowName={patchName}
              width={225}
              height={h}
            />
          </>
        )}
        <span className="arrow">=</span>
        <MatrixView
          testId="embeddings"
          title={t('stage.position.embeddings')}
          shape={`[${dims.T}, ${dims.D}]`}
          values={trace.embeddings.data}
          rows={dims.T}
          cols={dims.D}
          rowName={tokenName}
          highlightRow={selection.query}
          width={225}
          height={h}
        />
      </div>
      {dims.layout.prefix.length > 0 && <p className="muted">{prefixRowsSentence(dims.layout, dims.hasPos)}</p>}
    </div>
  );
}
