/** The live camera beside the page's model, in its own error boundary; its code loads when first opened. */
import { lazy, Suspense } from 'react';
import type { AnalysisEngine } from '../analysis/engine';
import { t, type Lang } from '../i18n';
import type { VitTrace } from '../model/trace';
import { PanelBoundary, type PanelErrorReport } from '../views/common/PanelBoundary';
import type { SessionModel } from './sessionTypes';
import { traceClassNames } from '../views/common/classNames';

// the live camera (its loop, views and words) loads when its button is first pressed
const LiveCameraRun = lazy(async () => ({ default: (await import('./LiveCameraRun')).LiveCameraRun }));

export interface LiveCameraPanelProps {
  lang: Lang;
  model: SessionModel;
  engine: AnalysisEngine;
  trace: VitTrace;
  layer: number;
  head: number;
  modelName: string;
  onPanelError: PanelErrorReport;
  /** a paused frame, as a PNG file, for the page's image path */
  onFreeze: (file: File) => void;
}

export function LiveCameraPanel({
  lang,
  model,
  engine,
  trace,
  layer,
  head,
  modelName,
  onPanelError,
  onFreeze,
}: LiveCameraPanelProps) {
  return (
    <PanelBoundary name="camera" title={t('toolbar.camera')} model={modelName} resetKeys={[model]} onError={onPanelError}>
      <Suspense
        fallback={
          <p className="panel-loading" role="status">
            {t('analysesSection.loading', { title: t('toolbar.camera') })}
          </p>
        }
      >
        <LiveCameraRun
          key={model.id}
          lang={lang}
          engine={engine}
          preprocessor={model.preprocessor}
          imageSize={model.model.config.imageSize}
          layout={trace.layout}
          numLayers={trace.config.numLayers}
          numHeads={trace.config.numHeads}
          labels={traceClassNames(trace)}
          layer={layer}
          head={head}
          onFreeze={onFreeze}
        />
      </Suspense>
    </PanelBoundary>
  );
}
