import { FigureExport } from '../figure/FigureExport';
import { useMemo, useState } from 'react';
import { queryAttentionGrid, stageArray } from '../../analysis/compare';
import { cellToToken, tokenToPatch } from '../../model/tokenLayout';
import type { VitTrace } from '../../model/trace';
import type { CompareRunState, CompareSpec, GalleryEntry } from '../../state/compare';
import type { Selection } from '../../state/selection';
import { STAGE_TEXT } from '../explainer/stageText';
import type { Cell } from '../common/HeatmapCanvas';
import { CompareRow } from './CompareRow';
import { ComparePicker, type ModelChoiceB } from './ComparePicker';
import { CompareSideLabel } from './CompareSideLabel';
import { t } from '../../i18n';
import './compare.css';

/** What the panel shows of run A */
export interface CompareSideA {
  trace: VitTrace;
  pixels: ImageData;
  imageName: string;
  modelLabel: string;
}

export interface ComparePanelProps {
  a: CompareSideA;
  /** run B: off, running, failed, or its trace */
  state: CompareRunState;
  /** what B is; the picker changes it through onSpec */
  spec: CompareSpec | null;
  onSpec: (spec: CompareSpec) => void;
  /** a request from the address that was ignored, in words */
  notice: string | null;
  gallery: GalleryEntry[];
  models: ModelChoiceB[];
  selection: Selection;
  onSelect: (change: Partial<Selection>) => void;
  tokenName: (token: number) => string;
}

const FIGURE = 200;

/** Run A beside run B at the same stage, layer, head and query, and B − A where the shapes agree. */
export function ComparePanel({ a, state, spec, onSpec, notice, gallery, models, selection, onSelect, tokenName }: ComparePanelProps) {
  const [copied, setCopied] = useState(false);
  const layoutA = a.trace.layout;
  const b = state.kind === 'ready' ? state.run : null;
  const { stage, layer, head, query } = selection;
  const stageA = useMemo(() => stageArray(a.trace, stage, layer, head), [a.trace, stage, layer, head]);
  const stageB = useMemo(() => (b ? stageArray(b.trace, stage, layer, head) : null), [b, stage, layer, head]);
  const attnA = useMemo(() => queryAttentionGrid(a.trace, layer, head, query), [a.trace, layer, head, query]);
  const attnB = useMemo(() => (b ? queryAttentionGrid(b.trace, layer, head, query) : null), [b, layer, head, query]);

  const at = `${t('common.layerN', { layer })} · ${t('common.headN', { head })}`;
  const bMissing = t('compare.bMissing', { layer, head });
  const patch = tokenToPatch(layoutA, query);
  const queryCell = patch === null ? null : { row: Math.floor(patch / layoutA.gridCols), col: patch % layoutA.gridCols };
  const tokenCell = (c: Cell) => `${tokenName(c.row)}, ${t('matrix.dim', { c: c.col })}`;
  const stageCell = (c: Cell) =>
    stageA && stageA.rows === layoutA.numTokens && stageA.cols === layoutA.numTokens
      ? `${tokenName(c.row)} → ${tokenName(c.col)}`
      : stageA?.rows === layoutA.numTokens
        ? tokenCell(c)
        : `${t('compare.patchN', { patch: c.row })}, ${t('matrix.dim', { c: c.col })}`;

  return (
    <section className="panel compare-panel" data-testid="compare-panel" aria-labelledby="compare-title">
      <h2 id="compare-title">{t('compare.title')}</h2>
      <FigureExport name={t('compare.title')} layer={layer} head={head} />
      <p className="explain">{t('compare.explain')}</p>
      <ComparePicker spec={spec} gallery={gallery} models={models} onSpec={onSpec} />
      {notice && (
        <p className="compare-notice" role="status" data-testid="compare-notice">
          {notice}
        </p>
      )}
      <div className="compare-link">
        <button
          type="button"
          data-testid="compare-copy-link"
          onClick={() =>
            void navigator.clipboard?.writeText(location.href).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? t('compare.copied') : t('compare.copyLink')}
        </button>{' '}
        {spec?.kind === 'file' && (
          <span className="muted small" data-testid="compare-link-note">
            {t('compare.linkNote')}
          </span>
        )}
      </div>
      <p className="muted" role="status" data-testid="compare-status" data-state={state.kind}>
        {state.kind === 'off'
          ? t('compare.pick')
          : state.kind === 'running'
            ? t('compare.running')
            : state.kind === 'error'
              ? t('compare.failed', { message: state.message })
              : ''}
      </p>
      <div className="compare-labels">
        <CompareSideLabel
          side="a"
          run={a}
          at={at}
        />
        <CompareSideLabel side="b" run={b && { ...b, modelLabel: b.modelLabel ?? a.modelLabel }} at={at} />
      </div>
      <CompareRow
        id="stage"
        title={STAGE_TEXT[stage].title}
        a={stageA}
        b={stageB}
        bMissing={b ? bMissing : ''}
        size={FIGURE}
        cellName={stageCell}
      />
      <CompareRow
        id="attn"
        title={t('compare.attnTitle', { query: tokenName(query), layer, head })}
        a={attnA}
        b={attnB}
        bMissing={b ? bMissing : ''}
        size={FIGURE}
        cellName={(c) => tokenName(cellToToken(layoutA, c.row, c.col))}
        onPick={(c) => onSelect({ query: cellToToken(layoutA, c.row, c.col) })}
        marked={queryCell}
      />
    </section>
  );
}
