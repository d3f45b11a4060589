import { useMemo, useState } from 'react';
import { usePalette } from '../common/palette';
import type { VitTrace } from '../../model/trace';
import { attentionDomain, headMatrix, type ColorScope } from '../../analysis/attention';
import { tokenLabel as layoutLabel } from '../../model/tokenLayout';
import type { Selection } from '../../state/selection';
import { HeatmapCanvas, type Cell } from '../common/HeatmapCanvas';
import { ColorLegend } from '../common/ColorLegend';

export interface AttentionPanelProps {
  trace: VitTrace;
  selection: Selection;
  onSelect: (change: Partial<Selection>) => void;
  /** names a token in the readout; by default the layout's label ("token 1 · [DIST]", "token 7 · patch 6 (row 1, col 0)") */
  tokenLabel?: (token: number) => string;
}

const SCOPES: { value: ColorScope; label: string }[] = [
  { value: 'head', label: 'this head' },
  { value: 'layer', label: 'this layer' },
  { value: 'model', label: 'whole model' },
];

/** One head's T × T attention matrix: row = query token, column = key token. */
export function AttentionPanel({ trace, selection, onSelect, tokenLabel }: AttentionPanelProps) {
  const palette = usePalette();
  const { config, layout } = trace;
  const T = layout.numTokens;
  const headDim = config.hiddenSize / config.numHeads;
  const { layer, head, colorScope } = selection;
  const [hover, setHover] = useState<Cell | null>(null);
  const [locked, setLocked] = useState<Cell | null>(null);
  const values = headMatrix(trace.layers[layer]!.attn, head);
  // the domain depends on the layer and head only as far as the scope does
  const domainLayer = colorScope === 'model' ? -1 : layer;
  const domainHead = colorScope === 'head' ? head : -1;
  const domain = useMemo(
    () => attentionDomain(trace, Math.max(0, domainLayer), Math.max(0, domainHead), colorScope),
    [trace, domainLayer, domainHead, colorScope],
  );
  const shown = locked ?? hover;
  const describeCell = (cell: Cell) => {
    const name = (t: number) => (tokenLabel ? tokenLabel(t) : layoutLabel(layout, t));
    const v = values[cell.row * T + cell.col]!;
    return `query ${name(cell.row)} → key ${name(cell.col)} · weight ${v.toFixed(4)}`;
  };

  return (
    <section className="panel" aria-labelledby="attention-title">
      <h2 id="attention-title">Attention weights</h2>
      <p className="explain">
        softmax(Q·Kᵀ / √d) for one head: row <i>i</i> is how much query token <i>i</i> draws from each key token. Each row sums to
        1. Shape [h, T, T] = [{config.numHeads}, {T}, {T}], head width d = {headDim}.
      </p>
      <div className="controls-row">
        <label>
          Layer{' '}
          <select data-testid="layer-select" value={layer} onChange={(e) => onSelect({ layer: Number(e.target.value) })}>
            {trace.layers.map((_, i) => (
              <option key={i} value={i}>
                {i}
              </option>
            ))}
          </select>
        </label>
        <label>
          Head{' '}
          <select data-testid="head-select" value={head} onChange={(e) => onSelect({ head: Number(e.target.value) })}>
            {Array.from({ length: config.numHeads }, (_, i) => (
              <option key={i} value={i}>
                {i}
              </option>
            ))}
          </select>
        </label>
        <label>
          Colour range over{' '}
          <select
            data-testid="color-scope"
            value={colorScope}
            onChange={(e) => onSelect({ colorScope: e.target.value as ColorScope })}
          >
            {SCOPES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Colour scale{' '}
          <select
            data-testid="color-scale"
            value={selection.colorScale}
            onChange={(e) => onSelect({ colorScale: e.target.value === 'log' ? 'log' : 'linear' })}
          >
            <option value="linear">linear</option>
            <option value="log">log (4 decades)</option>
          </select>
        </label>
      </div>
      <div className="attention-body">
        <div>
          <div className="axis-label">key token →</div>
          <div className="with-y-label">
            <div className="axis-label vertical">query token →</div>
            <HeatmapCanvas
              testId="attention-heatmap"
              label={`Attention of layer ${layer}, head ${head}: ${T} by ${T} tokens`}
              values={values}
              rows={T}
              cols={T}
              domain={domain}
              interpolator={palette.sequential}
              width={360}
              height={360}
              scale={selection.colorScale}
              marked={shown}
              highlightRow={selection.query}
              onHoverCell={setHover}
              onSelectCell={(cell) => setLocked((old) => (old && old.row === cell.row && old.col === cell.col ? null : cell))}
              describedBy="attention-readout"
            />
          </div>
        </div>
        <div className="attention-side">
          <ColorLegend
            domain={domain}
            interpolator={palette.sequential}
            width={200}
            title="attention weight"
            scale={selection.colorScale}
          />
          <p className="readout" id="attention-readout" data-testid="attention-readout" aria-live="polite">
            {shown ? describeCell(shown) : 'Point at a cell to read it; click to lock it (arrow keys move the lock).'}
            {locked && <span className="locked-tag"> (locked)</span>}
          </p>
          {layout.prefix.length > 0 && !tokenLabel && (
            <p className="hint">
              {layout.prefix.map((p, t) => `${t === 0 ? 'Token' : 'token'} ${t} is ${p.name}`).join(', ')}; tokens{' '}
              {layout.prefix.length}…{T - 1} are the patches, row by row.
            </p>
          )}
          <p className="hint">
            The outlined row is the query token. Colour range: {domain[0].toFixed(3)} to {domain[1].toFixed(3)}.
          </p>
        </div>
      </div>
    </section>
  );
}
