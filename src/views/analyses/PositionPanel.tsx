import { useMemo } from 'react';
import { usePalette } from '../common/palette';
import { cosineSimilarity, patchPositionEmbeddings, positionSimilarityRuledOut } from '../../analysis/positionSimilarity';
import { patchToToken } from '../../model/tokenLayout';
import { tokenLabel } from '../../i18n/tokenLabel';
import { ColorLegend } from '../common/ColorLegend';
import { GridOfGrids } from '../common/GridOfGrids';
import { AnalysisFrame } from './AnalysisFrame';
import type { AnalysisContext, AnalysisText } from './context';
import { t } from '../../i18n';

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
    <AnalysisFrame text={text} shape={t('position.shape', { N: dims.N, D: dims.D, g: dims.g })}>
      {similarity ? (
        <div className="figure-row">
          <GridOfGrids
            values={similarity}
            grid={dims.g}
            domain={[-1, 1]}
            interpolator={palette.diverging}
            size={Math.max(240, Math.min(420, dims.g * (dims.g + 1) * 4))}
            label={t('position.label')}
            testId="position-similarity"
            describe={(i, j, v) => t('position.describe', { a: at(i), b: at(j), v: v.toFixed(3) })}
          />
          <ColorLegend domain={[-1, 1]} interpolator={palette.diverging} width={200} title={t('position.legend')} />
        </div>
      ) : (
        <p className="explain" data-testid="position-similarity-none">
          {ruledOut}
        </p>
      )}
    </AnalysisFrame>
  );
}
