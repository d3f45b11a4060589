import { useMemo } from 'react';
import { usePalette } from '../common/palette';
import { cosineSimilarity, patchPositionEmbeddings, positionSimilarityRuledOut } from '../../analysis/positionSimilarity';
import { tokenLabel, patchToToken } from '../../model/tokenLayout';
import { ColorLegend } from '../common/ColorLegend';
import { GridOfGrids } from '../common/GridOfGrids';
import { AnalysisFrame } from './AnalysisFrame';
import type { AnalysisContext, AnalysisText } from './context';

export function PositionPanel({ ctx, text }: { ctx: AnalysisContext; text: AnalysisText }) {
  const palette = usePalette();
  const { dims, trace } = ctx;
  const ruledOut = positionSimilarityRuledOut(dims.layout);
  const similarity = useMemo(() => {
    const pos = ruledOut ? null : patchPositionEmbeddings(trace);
    return pos ? cosineSimilarity(pos, dims.N, dims.D) : null;
  }, [trace, dims, ruledOut]);
  const at = (p: number) => tokenLabel(dims.layout, patchToToken(dims.layout, p));
  return (
    <AnalysisFrame
      text={text}
      shape={`Position embeddings of the patches [N, D] = [${dims.N}, ${dims.D}] → cosine similarity [N, N] = [${dims.N}, ${dims.N}], drawn as ${dims.g} × ${dims.g} small maps of ${dims.g} × ${dims.g}.`}
    >
      {similarity ? (
        <div className="figure-row">
          <GridOfGrids
            values={similarity}
            grid={dims.g}
            domain={[-1, 1]}
            interpolator={palette.diverging}
            size={Math.max(240, Math.min(420, dims.g * (dims.g + 1) * 4))}
            label="Cosine similarity of each patch position's embedding with every other"
            testId="position-similarity"
            describe={(i, j, v) => `position of ${at(i)} vs ${at(j)}: cosine ${v.toFixed(3)}`}
          />
          <ColorLegend domain={[-1, 1]} interpolator={palette.diverging} width={200} title="cosine similarity" />
        </div>
      ) : (
        <p className="explain" data-testid="position-similarity-none">
          {ruledOut}
        </p>
      )}
    </AnalysisFrame>
  );
}
