import type { ReactNode } from 'react';
import type { ModelDims } from '../../analysis/modelDims';
import type { VitTrace } from '../../model/trace';
import type { Selection } from '../../state/selection';
import { PanelBoundary, type PanelErrorReport } from '../common/PanelBoundary';
import { AttentionPanel } from './AttentionPanel';
import { QueryOverlays } from './QueryOverlays';
import { ClsAttention } from './ClsAttention';
import { OverviewGrid } from './OverviewGrid';
import { ObjectAttention } from './ObjectAttention';
import { FigureExport } from '../figure/FigureExport';
import { t } from '../../i18n';

export interface AttentionExplorerProps {
  trace: VitTrace;
  dims: ModelDims;
  selection: Selection;
  onSelect: (change: Partial<Selection>) => void;
  pixels: ImageData;
  tokenName: (t: number) => string;
  onPickHead: (layer: number, head: number) => void;
  /** the object's mask, when the image is a sample whose object ViT Lens knows */
  objectMask?: { label: string; coverage: number[] } | null;
  /** the model, in words, for a failure's message */
  modelName: string;
  onPanelError?: PanelErrorReport;
  /** a partial trace: the overview of every layer cannot be drawn (App says why) */
  hideOverview?: boolean;
}

/** Attention every way people ask to see it: the matrix, the query's row over the image, [CLS] per head, all heads at once. */
export function AttentionExplorer({
  trace,
  dims,
  selection,
  onSelect,
  pixels,
  tokenName,
  onPickHead,
  objectMask,
  modelName,
  onPanelError,
  hideOverview = false,
}: AttentionExplorerProps) {
  const attn = trace.layers[selection.layer]!.attn;
  const { layout } = dims;
  const hasCls = layout.clsToken !== null;
  // each view fails alone: its own boundary, another try with another trace, layer, head or query
  const guard = (name: string, title: string, children: ReactNode) => (
    <PanelBoundary
      name={`attention:${name}`}
      title={title}
      model={modelName}
      resetKeys={[trace, selection.layer, selection.head, selection.query, selection.colorScope, selection.colorScale]}
      onError={onPanelError}
    >
      {children}
    </PanelBoundary>
  );
  return (
    <div className="attention-explorer">
      {objectMask &&
        hasCls &&
        objectMask.coverage.length === dims.N &&
        guard(
          'object',
          t('attention.objectView'),
          <section className="panel" aria-labelledby="object-title">
            <h2 id="object-title">{t('attention.objectTitle', { label: objectMask.label })}</h2>
            <FigureExport name={t('attention.objectTitle', { label: objectMask.label })} />
            <ObjectAttention
              attn={trace.layers[trace.layers.length - 1]!.attn}
              numLayers={trace.layers.length}
              pixels={pixels}
              layout={layout}
              coverage={objectMask.coverage}
              label={objectMask.label}
            />
          </section>,
        )}
      {guard('matrix', t('attention.matrixView'), <AttentionPanel trace={trace} selection={selection} onSelect={onSelect} />)}
      {guard(
        'query',
        t('attention.queryView'),
        <section className="panel" aria-labelledby="query-title">
          <h2 id="query-title">
            {t('attention.queryTitle')} · {tokenName(selection.query)}
          </h2>
          <FigureExport name={`${t('attention.queryTitle')} · ${tokenName(selection.query)}`} layer={selection.layer} head={selection.head} />
          <QueryOverlays
            attn={attn}
            pixels={pixels}
            layout={layout}
            layer={selection.layer}
            head={selection.head}
            query={selection.query}
            queryName={tokenName(selection.query)}
            onQuery={(query) => onSelect({ query })}
          />
        </section>,
      )}
      {hasCls &&
        guard(
          'cls',
          t('attention.clsView'),
          <section className="panel" aria-labelledby="cls-title">
            <h2 id="cls-title">
              {t('attention.clsTitle')} · {t('common.layerN', { layer: selection.layer })}
            </h2>
            <FigureExport name={t('attention.clsTitle')} layer={selection.layer} />
            <p className="explain">{t('attention.clsExplain')}</p>
            <ClsAttention
              attn={attn}
              pixels={pixels}
              layout={layout}
              layer={selection.layer}
              head={selection.head}
              onHead={(head) => onSelect({ head })}
            />
          </section>,
        )}
      {!hideOverview && guard(
        'overview',
        t('attention.overviewView'),
        <section className="panel" aria-labelledby="overview-title">
          <h2 id="overview-title">{t('attention.overviewTitle', { L: trace.layers.length, h: dims.h })}</h2>
          <FigureExport name={t('attention.overviewTitle', { L: trace.layers.length, h: dims.h })} />
          <p className="explain">{t('attention.overviewExplain')}</p>
          <OverviewGrid
            trace={trace}
            layer={selection.layer}
            head={selection.head}
            scale={selection.colorScale}
            onPick={onPickHead}
          />
        </section>,
      )}
    </div>
  );
}
