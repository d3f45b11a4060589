import type { ReactNode } from 'react';
import type { AnalysisText } from './context';
import { FigureExport } from '../figure/FigureExport';
import { t } from '../../i18n';

export interface AnalysisFrameProps {
  text: AnalysisText;
  /** the tensors drawn and their shapes, in words */
  shape: string;
  children: ReactNode;
}

/** A panel's heading, its three sentences (what, how, source) and its shapes, above its figures. */
export function AnalysisFrame({ text, shape, children }: AnalysisFrameProps) {
  return (
    <div className="analysis" data-testid="analysis-panel" data-analysis={text.id}>
      <h3>{text.title}</h3>
      <FigureExport name={text.title} />
      <p className="explain">
        <strong>{t('frame.what')}</strong> {text.what} <strong>{t('frame.how')}</strong> {text.how}{' '}
        <span className="muted">{t('frame.from', { source: text.source })}</span>
      </p>
      <p className="muted shape-line" data-testid="analysis-shape">
        {shape}
      </p>
      {children}
    </div>
  );
}
