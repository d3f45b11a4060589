import { useMemo, useState } from 'react';
import { usePalette } from '../common/palette';
import type { VitTrace } from '../../model/trace';
import { attentionDomain, headMatrix, type ColorScope } from '../../analysis/attention';
import { tokenLabel as layoutLabel } from '../../i18n/tokenLabel';
import type { Selection } from '../../state/selection';
import { HeatmapCanvas, type Cell } from '../common/HeatmapCanvas';
import { ColorLegend } from '../common/ColorLegend';
import { FigureExport } from '../figure/FigureExport';
import { t } from '../../i18n';

export interface AttentionPanelProps {
  trace: VitTrace;
  selection: Selection;
  onSelect: (change: Partial<Selection>) => void;
  /** names a token in the readout; by default the layout's label ("token 1 · [DIST]", "token 7 · patch 6 (row 1, col 0)") */
  tokenLabel?: (token: number) => string;
}

const SCOPES: { value: ColorScope; label: string }[] = [
  {
    value: 'head',
    get label() {
      return t('attention.scope.head');
    },
  },
  {
    value: 'layer',
    get label() {
      return t('attention.scope.layer');
    },
  },
  {
    value: 'model',
    get label() {
      return t('attention.scope.model');
    },
  },
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
    const name = (token: number) => (tokenLabel ? tokenLabel(token) : layoutLabel(layout, token));
    const v = values[cell.row * T + cell.col]!;
    return t('attention.cell', { q: name(cell.row), k: name(cell.col), v: v.toFixed(4) });
  };

  return (
    <section className="panel" data-testid="attention-panel" aria-labelledby="attention-title">
      <h2 id="attention-title">{t('attention.weights')}</h2>
      <FigureExport name={t('attention.weights')} layer={layer} head={head} />
      <p className="explain">
        softmax(Q·Kᵀ / √d) {t('attention.explain1')} <i>i</i> {t('attention.explain2')} <i>i</i> {t('attention.explain3')} [h, T,
        T] = [{config.numHeads}, {T}, {T}]{t('attention.explain4', { d: headDim })}
      </p>
      <div className="controls-row">
        <label>
          {t('common.layer')}{' '}
          <select data-testid="layer-select" value={layer} onChange={(e) => onSelect({ layer: Number(e.target.value) })}>
            {trace.layers.map((_, i) => (
              <option key={i} value={i}>
                {i}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('common.head')}{' '}
          <select data-testid="head-select" value={head} onChange={(e) => onSelect({ head: Number(e.target.value) })}>
            {Array.from({ length: config.numHeads }, (_, i) => (
              <option key={i} value={i}>
                {i}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('attention.rangeOver')}{' '}
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
          {t('attention.colorScale')}{' '}
          <select
            data-testid="color-scale"
            value={selection.colorScale}
            onChange={(e) => onSelect({ colorScale: e.target.value === 'log' ? 'log' : 'linear' })}
          >
            <option value="linear">{t('attention.linear')}</option>
            <option value="log">{t('attention.log')}</option>
          </select>
        </label>
      </div>
      <div className="attention-body">
        <div>
          <div className="axis-label">{t('attention.keyAxis')}</div>
          <div className="with-y-label">
            <div className="axis-label vertical">{t('attention.queryAxis')}</div>
            <HeatmapCanvas
              testId="attention-heatmap"
              label={t('attention.heatmapLabel', { layer, head, T })}
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
            title={t('attention.weight')}
            scale={selection.colorScale}
          />
          <p className="readout" id="attention-readout" data-testid="attention-readout" aria-live="polite">
            {shown ? describeCell(shown) : t('attention.pointAt')}
            {locked && <span className="locked-tag"> {t('common.locked')}</span>}
          </p>
          {layout.prefix.length > 0 && !tokenLabel && (
            <p className="hint">
              {layout.prefix
                .map((p, i) => t(i === 0 ? 'attention.tokenIsFirst' : 'attention.tokenIs', { i, name: p.name }))
                .join(t('card.comma'))}
              {t('attention.patchTokens', { from: layout.prefix.length, to: T - 1 })}
            </p>
          )}
          <p className="hint">{t('attention.outlined', { lo: domain[0].toFixed(3), hi: domain[1].toFixed(3) })}</p>
        </div>
      </div>
    </section>
  );
}
