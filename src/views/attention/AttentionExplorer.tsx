import type { VitTrace } from '../../model/trace';
import type { Selection } from '../../state/selection';
import type { ModelDims } from '../explainer/stageText';
import { AttentionPanel } from './AttentionPanel';
import { QueryOverlays } from './QueryOverlays';
import { ClsAttention } from './ClsAttention';
import { OverviewGrid } from './OverviewGrid';
import { ObjectAttention } from './ObjectAttention';

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
}: AttentionExplorerProps) {
  const attn = trace.layers[selection.layer]!.attn;
  return (
    <div className="attention-explorer">
      {objectMask && dims.hasCls && objectMask.coverage.length === dims.N && (
        <section className="panel" aria-labelledby="object-title">
          <h2 id="object-title">Does the model look at the {objectMask.label}?</h2>
          <ObjectAttention
            attn={trace.layers[trace.layers.length - 1]!.attn}
            numLayers={trace.layers.length}
            pixels={pixels}
            grid={dims.g}
            coverage={objectMask.coverage}
            label={objectMask.label}
          />
        </section>
      )}
      <AttentionPanel trace={trace} selection={selection} onSelect={onSelect} />
      <section className="panel" aria-labelledby="query-title">
        <h2 id="query-title">Where the query token looks · {tokenName(selection.query)}</h2>
        <QueryOverlays
          attn={attn}
          pixels={pixels}
          grid={dims.g}
          hasCls={dims.prefix}
          layer={selection.layer}
          head={selection.head}
          query={selection.query}
          queryName={tokenName(selection.query)}
          onQuery={(query) => onSelect({ query })}
        />
      </section>
      {dims.hasCls && (
        <section className="panel" aria-labelledby="cls-title">
          <h2 id="cls-title">[CLS] attention per head · layer {selection.layer}</h2>
          <p className="explain">
            Row 0 of each head's attention, over the image: what the token that feeds the classifier gathers from. Click one to
            choose that head.
          </p>
          <ClsAttention
            attn={attn}
            pixels={pixels}
            grid={dims.g}
            layer={selection.layer}
            head={selection.head}
            onHead={(head) => onSelect({ head })}
          />
        </section>
      )}
      <section className="panel" aria-labelledby="overview-title">
        <h2 id="overview-title">
          All heads · {trace.layers.length} layers × {dims.h} heads
        </h2>
        <p className="explain">Every head's [T, T] attention map, each on its own colour range. Click one to open it above.</p>
        <OverviewGrid
          trace={trace}
          layer={selection.layer}
          head={selection.head}
          scale={selection.colorScale}
          onPick={onPickHead}
        />
      </section>
    </div>
  );
}
