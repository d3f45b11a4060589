/** The side-by-side comparison in its own error boundary; its code (and run B's model code) loads when compare is first turned on. */
import { lazy, Suspense } from 'react';
import { t } from '../i18n';
import { PanelBoundary, type PanelErrorReport } from '../views/common/PanelBoundary';
import type { CompareRunProps } from './CompareRun';

const CompareRun = lazy(async () => ({ default: (await import('./CompareRun')).CompareRun }));

export interface CompareRunPanelProps extends CompareRunProps {
  onPanelError: PanelErrorReport;
}

export function CompareRunPanel({ a, selection, onSelect, tokenName, onPanelError }: CompareRunPanelProps) {
  return (
    <PanelBoundary name="compare" title={t('compare.title')} model={a.modelLabel} resetKeys={[a.trace]} onError={onPanelError}>
      <Suspense
        fallback={
          <p className="panel-loading" role="status">
            {t('compare.loading')}
          </p>
        }
      >
        <CompareRun a={a} selection={selection} onSelect={onSelect} tokenName={tokenName} />
      </Suspense>
    </PanelBoundary>
  );
}
