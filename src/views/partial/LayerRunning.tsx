import { t } from '../../i18n';

export interface LayerRunningProps {
  layer: number;
  numLayers: number;
  running: boolean;
  failed: string | null;
  onCancel: () => void;
  onRun: () => void;
  onLayer: (layer: number) => void;
}

/** In place of a layer's views while a partial trace's layer is re-run (or after a cancel). */
export function LayerRunning({ layer, numLayers, running, failed, onCancel, onRun, onLayer }: LayerRunningProps) {
  return (
    <section className="panel" data-testid="layer-running" data-layer={layer} aria-live="polite">
      <h2>{running ? t('partial.running', { layer }) : t('partial.notRecorded', { layer })}</h2>
      <p className="explain">{t('partial.runningWhy')}</p>
      {failed && (
        <p role="alert" data-testid="layer-running-failed">
          {t('partial.failed', { layer, message: failed })}
        </p>
      )}
      <div className="controls-row">
        <label>
          {t('common.layer')}{' '}
          <select value={layer} onChange={(e) => onLayer(Number(e.target.value))} data-testid="layer-running-layer">
            {Array.from({ length: numLayers }, (_, i) => (
              <option key={i} value={i}>
                {i}
              </option>
            ))}
          </select>
        </label>
        {running ? (
          <button type="button" onClick={onCancel} data-testid="layer-running-cancel">
            {t('partial.cancel')}
          </button>
        ) : (
          <button type="button" onClick={onRun} data-testid="layer-running-run">
            {t('partial.run', { layer })}
          </button>
        )}
      </div>
    </section>
  );
}
