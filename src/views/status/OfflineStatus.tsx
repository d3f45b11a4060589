import { useEffect, useState } from 'react';
import { BUILD_NAME, registerServiceWorker } from '../../platform/serviceWorker';
import './loadingAndOffline.css';
import { t } from '../../i18n';

/**
 * The footer's version line ("works offline" once everything is cached) and, when a new
 * deployment is waiting, the prompt to reload into it. The service worker is registered once the
 * page has first been ready (`firstViewDone`).
 */
export function OfflineStatus({ firstViewDone }: { firstViewDone: boolean }) {
  const [offlineReady, setOfflineReady] = useState(false);
  const [update, setUpdate] = useState<null | (() => Promise<void>)>(null);
  const [dismissed, setDismissed] = useState(false);
  const [reloading, setReloading] = useState(false);
  useEffect(() => {
    if (!firstViewDone) return;
    void registerServiceWorker({
      onUpdate: (activate) => setUpdate(() => activate),
      onOfflineReady: () => setOfflineReady(true),
    }).catch(() => undefined);
  }, [firstViewDone]);
  return (
    <>
      <span data-testid="build" data-build={BUILD_NAME}>
        {t('offline.version', { build: BUILD_NAME })}
        {offlineReady && <span data-testid="offline-ready"> · {t('offline.ready')}</span>}.{' '}
      </span>
      {update && !dismissed && (
        <div className="update-prompt" role="status" data-testid="update-prompt">
          <span>{t('offline.update')}</span>
          <button
            type="button"
            data-testid="update-reload"
            disabled={reloading}
            onClick={() => {
              setReloading(true);
              void update();
            }}
          >
            {reloading ? t('offline.reloading') : t('offline.reload')}
          </button>
          <button type="button" className="link" onClick={() => setDismissed(true)}>
            {t('offline.later')}
          </button>
        </div>
      )}
    </>
  );
}
