import { useMemo } from 'react';
import { impliedPositionEmbeddings } from '../../analysis/rows';
import { patchToToken } from '../../model/tokenLayout';
import { MatrixView } from '../common/MatrixView';
import type { StageProps } from './stageProps';

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
      {dims.layout.prefix.length > 0 && (
        <p className="muted">
          {dims.layout.prefix.map((p, t) => `Row ${t} of the embeddings is the learned ${p.name} token`).join('; ')}
          {dims.hasPos ? ', each plus its own position vector' : ''}.
        </p>
      )}
    </div>
  );
}
