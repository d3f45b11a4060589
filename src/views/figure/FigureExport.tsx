import { useContext, useEffect, useRef, useState } from 'react';
import { FigureSubjectContext } from './figureSubject';
import type { PngScale } from './pngRenderer';
import { t } from '../../i18n';
import './figure.css';

const SCALES: readonly PngScale[] = [1, 2, 4];

export interface FigureExportProps {
  /** the panel, in words: the figure's title and file name start with it */
  name: string;
  layer?: number;
  head?: number;
  /** the colour range; by default the panel's first colour legend's */
  range?: readonly [number, number];
}

const short = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(3));

/** The colour range the panel's legends share; none when they differ (each legend in the figure states its own). */
function legendRange(root: HTMLElement): [number, number] | null {
  const domains = new Set([...root.querySelectorAll('[data-domain]')].map((el) => el.getAttribute('data-domain') ?? ''));
  if (domains.size !== 1) return null;
  const [lo, hi] = [...domains][0]!.split(',').map(Number);
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo!, hi!] : null;
}

/**
 * Save the panel this sits in as SVG or PNG (1×/2×/4×), and copy the link to this view. The writers
 * load on the first click; the figure is read from what the panel drew, so one line adds this to a panel.
 */
export function FigureExport({ name, layer, head, range }: FigureExportProps) {
  const subject = useContext(FigureSubjectContext);
  const ref = useRef<HTMLDivElement>(null);
  const fallbackRef = useRef<HTMLInputElement>(null);
  const [scale, setScale] = useState<PngScale>(2);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [fallback, setFallback] = useState<string | null>(null);

  useEffect(() => {
    fallbackRef.current?.focus();
    fallbackRef.current?.select();
  }, [fallback]);

  const save = async (format: 'svg' | 'png') => {
    const root = ref.current?.parentElement?.closest<HTMLElement>('[data-figure-root], section, .analysis');
    if (!root) return;
    const domain = range ?? legendRange(root);
    const where = [
      layer === undefined ? null : t('common.layerN', { layer }),
      head === undefined ? null : t('common.headN', { head }),
    ];
    const title = [name, subject.model, subject.image, ...where, domain && t('figure.range', { lo: short(domain[0]), hi: short(domain[1]) })]
      .filter(Boolean)
      .join(' · ');
    setBusy(true);
    setStatus(t('figure.working'));
    try {
      const { exportFigure } = await import('./exportFigure');
      const nameParts = [subject.model, subject.image, name, layer === undefined ? null : `L${layer}`, head === undefined ? null : `H${head}`];
      const file = await exportFigure({ root, title, nameParts }, format, scale);
      setStatus(t('figure.saved', { file }));
    } catch (error) {
      setStatus(t('figure.failed', { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  };

  const copyLink = async () => {
    const link = location.href;
    try {
      await navigator.clipboard.writeText(link);
      setFallback(null);
      setStatus(t('figure.copied'));
    } catch {
      setFallback(link);
      setStatus(t('figure.copyRefused'));
    }
  };

  return (
    <div className="figure-export" ref={ref} role="group" aria-label={t('figure.group')}>
      <button type="button" data-testid="export-svg" disabled={busy} onClick={() => void save('svg')}>
        {t('figure.svg')}
      </button>
      <button type="button" data-testid="export-png" disabled={busy} onClick={() => void save('png')}>
        {t('figure.png')}
      </button>
      <select
        data-testid="export-scale"
        aria-label={t('figure.scale')}
        value={scale}
        onChange={(e) => setScale(SCALES.find((s) => s === Number(e.target.value)) ?? 1)}
      >
        {SCALES.map((s) => (
          <option key={s} value={s}>
            {s}×
          </option>
        ))}
      </select>
      <button type="button" data-testid="copy-link" onClick={() => void copyLink()}>
        {t('figure.copyLink')}
      </button>
      {fallback !== null && (
        <input
          ref={fallbackRef}
          data-testid="copy-link-fallback"
          className="figure-link"
          readOnly
          value={fallback}
          aria-label={t('figure.linkLabel')}
          onFocus={(e) => e.currentTarget.select()}
        />
      )}
      <span className="figure-status muted" data-testid="figure-status" role="status" aria-live="polite">
        {status}
      </span>
    </div>
  );
}
