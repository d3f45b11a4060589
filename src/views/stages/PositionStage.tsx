import { useMemo } from 'react';
import { impliedPositionEmbeddings } from '../../analysis/rows';
import { patchToToken, type TokenLayout } from '../../model/tokenLayout';
import { MatrixView } from '../common/MatrixView';
import type { StageProps } from './stageProps';

/** "In the embeddings, row 0 is the learned [CLS] token and row 1 the learned [DIST] token, each plus its own position vector." */
function prefixRowsSentence(layout: TokenLayout, hasPos: boolean): string {
  const rows = layout.prefix.map((p, t) => `${t === 0 ? `row ${t} is` : `row ${t}`} the learned ${p.name} token`);
  const list = rows.length === 1 ? rows[0]! : `${rows.slice(0, -1).join(', ')} and ${rows.at(-1)!}`;
  const pos = hasPos ? (rows.length === 1 ? ' plus its own position vector' : ', each plus its own position vector') : '';
  return `In the embeddings, ${list}${pos}.`;
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
          title="patch tokens"
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
              title="position embeddings"
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
          title="embeddings (encoder input)"
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
