import { FigureExport } from '../figure/FigureExport';
import { useEffect, useMemo, useState } from 'react';
import { layoutMismatch, queryAttentionGrid, stageArray } from '../../analysis/compare';
import { COMPARE_MODEL_IDS, compareModelInfo } from '../../app/compareModels';
import { galleryEntries, galleryName, useCompareRun, type GalleryEntry, type RunA } from '../../app/useCompareRun';
import { cellToToken, tokenToPatch } from '../../model/tokenLayout';
import type { VitTrace } from '../../model/trace';
import { compareFromParams, compareToParams, type CompareSpec } from '../../state/compare';
import type { Selection } from '../../state/selection';
import { STAGE_TEXT } from '../explainer/stageText';
import type { Cell } from '../common/HeatmapCanvas';
import { CompareRow } from './CompareRow';
import { ComparePicker, type ModelChoiceB } from './ComparePicker';
import { CompareSideLabel } from './CompareSideLabel';
import { t } from '../../i18n';
import './compare.css';

export interface ComparePanelProps {
  a: RunA & { trace: VitTrace; modelLabel: string };
  selection: Selection;
  onSelect: (change: Partial<Selection>) => void;
  tokenName: (token: number) => string;
}

const FIGURE = 200;

/** Run A beside run B at the same stage, layer, head and query, and B − A where the shapes agree. */
export function ComparePanel({ a, selection, onSelect, tokenName }: ComparePanelProps) {
  const [spec, setSpec] = useState<CompareSpec | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [gallery, setGallery] = useState<GalleryEntry[]>([]);
  const [models, setModels] = useState<ModelChoiceB[] | null>(null);
  const [copied, setCopied] = useState(false);
  const layoutA = a.trace.layout;

  useEffect(() => {
    galleryEntries().then(setGallery, () => setGallery([]));
  }, []);
  useEffect(() => {
    let live = true;
    void Promise.all(
      COMPARE_MODEL_IDS.map(async (id): Promise<ModelChoiceB | null> => {
        try {
          const info = await compareModelInfo(id);
          const mismatch = layoutMismatch(layoutA, info.layout);
          const disabled =
            id === a.model.id ? t('compare.sameModel') : mismatch ? t('compare.otherTokens', { reason: mismatch }) : null;
          return { id, label: info.label, disabled };
        } catch {
          return null;
        }
      }),
    ).then((list) => live && setModels(list.filter((m): m is ModelChoiceB => m !== null)));
    return () => {
      live = false;
    };
  }, [layoutA, a.model.id]);

  // the address's request (read when compare opens), once the lists to check it against are here; anything unknown is ignored with a notice
  const [fromAddress] = useState(() => compareFromParams(new URLSearchParams(location.search)));
  const [addressRead, setAddressRead] = useState(false);
  useEffect(() => {
    if (addressRead || !models || (fromAddress.kind === 'spec' && fromAddress.spec.kind === 'image' && gallery.length === 0))
      return;
    setAddressRead(true);
    if (fromAddress.kind === 'invalid') setNotice(t('compare.badParam', { text: fromAddress.text }));
    if (fromAddress.kind !== 'spec') return;
    const wanted = fromAddress.spec;
    const ok =
      wanted.kind === 'image'
        ? gallery.some((e) => galleryName(e) === wanted.name)
        : models.some((m) => m.id === wanted.id && m.disabled === null);
    if (ok) setSpec(wanted);
    else setNotice(t('compare.badParam', { text: `${wanted.kind}:${wanted.kind === 'image' ? wanted.name : wanted.id}` }));
  }, [addressRead, fromAddress, models, gallery]);

  // the address holds B (never the user's own file); compare off takes it out
  useEffect(() => {
    if (!addressRead) return;
    history.replaceState(history.state, '', `?${compareToParams(spec, new URLSearchParams(location.search)).toString()}`);
  }, [spec, addressRead]);
  useEffect(
    () => () =>
      history.replaceState(history.state, '', `?${compareToParams(null, new URLSearchParams(location.search)).toString()}`),
    [],
  );

  const state = useCompareRun(spec, a);
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
      <ComparePicker spec={spec} gallery={gallery} models={models ?? []} onSpec={setSpec} />
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
          run={{ pixels: a.image.pixels, imageName: a.image.name, modelLabel: a.modelLabel, trace: a.trace }}
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
