/**
 * The page's header: the title, the toolbar (files, backend, export, camera), the model picker, the
 * sample images, the Hub, the questions a link or a big model asks, the status line and a model's
 * warnings. It holds the Hub's settings and cache and the questions' state; the session holds the rest.
 */
import type { ReactNode } from 'react';
import { BACKENDS } from '../platform/backendName';
import { Gallery } from '../views/input/Gallery';
import { ModelPicker } from '../views/controls/ModelPicker';
import { StatusBar } from '../views/status/StatusBar';
import { Toolbar } from '../views/controls/Toolbar';
import { HubPanel } from '../views/hub/HubPanel';
import { HubLinkQuestion } from '../views/hub/HubLinkQuestion';
import { BigModelQuestion } from '../views/model/BigModelQuestion';
import { useHubLinkQuestion } from './useHubLink';
import { useBigModelQuestion } from './bigModelGuard';
import { CURATED_MODELS } from './hubCurated';
import { useHubSettings } from './useHubSettings';
import { useHubCache } from './useHubCache';
import { MODEL_CHOICES, openModel } from './modelChoices';
import type { VitSession } from './sessionTypes';
import { t } from '../i18n';

export interface AppHeaderProps {
  session: VitSession;
  busy: boolean;
  canExport: boolean;
  onExport: () => void;
  /** the export dialog, when open */
  exportDialog: ReactNode;
  cameraOpen: boolean;
  /** toggles the camera panel; absent until a model is loaded */
  onCamera?: () => void;
  /** the status line's words, with any failed panels named */
  statusMessage: string;
  degraded: boolean;
}

export function AppHeader({ session, busy, canExport, onExport, exportDialog, cameraOpen, onCamera, statusMessage, degraded }: AppHeaderProps) {
  const hubLinkQuestion = useHubLinkQuestion();
  const bigModelQuestion = useBigModelQuestion();
  const hubSettings = useHubSettings();
  const hubCache = useHubCache(session.hub.generation);
  const { model, image } = session;
  return (
    <header>
      <h1>
        ViT Lens <span className="tagline">{t('app.tagline')}</span>
      </h1>
      <Toolbar
        busy={busy}
        canExport={canExport}
        backendNames={BACKENDS}
        backend={session.backend?.name ?? null}
        backendDetail={session.backend ? session.backend.detail : t('app.starting')}
        backendReason={session.backend?.reason ?? ''}
        onModelFiles={session.loadModelFiles}
        onImageFile={session.loadImageFile}
        onBackend={session.switchBackend}
        onExport={onExport}
        cameraOpen={cameraOpen}
        onCamera={onCamera}
      />
      {exportDialog}
      <ModelPicker
        choices={MODEL_CHOICES}
        current={model?.id ?? new URLSearchParams(location.search).get('model') ?? 'default'}
        onPick={openModel}
      />
      <div className="samples">
        <span>{t('app.samples')}</span>
        <Gallery baseUrl={`${import.meta.env.BASE_URL}samples/`} current={image?.name ?? null} onPick={session.loadSample} />
      </div>
      <HubLinkQuestion question={hubLinkQuestion} />
      <BigModelQuestion question={bigModelQuestion} />
      <HubPanel
        curated={CURATED_MODELS}
        settings={hubSettings}
        download={session.hub}
        busy={busy}
        cacheEntries={hubCache.entries}
        onLoad={session.loadHubModel}
        onCancel={session.cancelHubDownload}
        onConfirm={session.answerHubConfirm}
        onRemoveCached={hubCache.remove}
        onClearCache={hubCache.clear}
        onInvalid={session.reportError}
      />
      <StatusBar
        state={session.state}
        message={statusMessage}
        degraded={degraded}
        error={session.error}
        onDismissError={session.dismissError}
      />
      {model?.warnings && model.warnings.length > 0 && (
        <div className="model-warnings" role="alert" data-testid="model-warnings">
          <strong>{t('app.nonFinite')}</strong>
          <ul>
            {model.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
    </header>
  );
}
