import { useState, type FormEvent } from 'react';
import type { CuratedModel, HubDownload, HubLoadRequest, HubSettings } from '../../state/hub';
import type { CacheEntry } from '../../platform/hub/hubCache';
import { parseHubRef } from '../../platform/hub/hubRef';
import { formatBytes } from '../../platform/formatBytes';
import { hubOrigin } from '../../platform/hub/hubTokens';
import { HubCacheList } from './HubCacheList';
import { t } from '../../i18n';
import { remainingWords } from '../common/remainingWords';

const hubOriginText = (url: string) => hubOrigin(url) ?? t('hub.originPending');

export interface HubPanelProps {
  curated: CuratedModel[];
  settings: HubSettings;
  download: HubDownload;
  busy: boolean;
  cacheEntries: CacheEntry[] | null | 'unavailable';
  onLoad: (request: HubLoadRequest) => void;
  onCancel: () => void;
  onConfirm: (yes: boolean) => void;
  onRemoveCached: (entry: CacheEntry) => void;
  onClearCache: () => void;
  /** a problem with what was typed, shown like any error */
  onInvalid: (message: string) => void;
}

/** Load a checkpoint from the Hugging Face Hub by id: progress, cancel, the cache, hub and token settings. */
export function HubPanel(props: HubPanelProps) {
  const { settings, download, busy } = props;
  const { progress, confirm, retry, last } = download;
  const [modelId, setModelId] = useState('');
  const [revision, setRevision] = useState('');
  const [open, setOpen] = useState(() => new URLSearchParams(location.search).get('model')?.startsWith('hf:') ?? false);
  const load = (id: string, rev: string, hubUrl = settings.hubUrl) => {
    try {
      const ref = parseHubRef(id, rev);
      settings.saveHubUrl(hubUrl);
      // the token of the hub the load goes to: a cached copy from another hub never gets this one's
      props.onLoad({ ref, hubUrl, token: settings.tokenFor(hubUrl) });
    } catch (e) {
      props.onInvalid((e as Error).message);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    load(modelId, revision);
  };
  const percent = progress && progress.total > 0 ? Math.round((100 * progress.loaded) / progress.total) : 0;
  return (
    <details
      className="hub-panel"
      data-testid="hub-panel"
      open={open || !!progress || !!confirm}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>
        <strong>{t('hub.title')}</strong> <span className="muted">{t('hub.subtitle')}</span>
      </summary>
      <form className="hub-form" onSubmit={submit}>
        <label>
          {t('hub.modelId')}{' '}
          <input
            data-testid="hub-model-id"
            value={modelId}
            onChange={(e) => setModelId(e.target.value)}
            placeholder={t('hub.modelIdPlaceholder')}
            size={38}
            spellCheck={false}
          />
        </label>
        <label>
          {t('hub.revision')}{' '}
          <input
            data-testid="hub-revision"
            value={revision}
            onChange={(e) => setRevision(e.target.value)}
            placeholder="main"
            size={10}
          />
        </label>
        <button type="submit" data-testid="hub-load" disabled={busy || modelId.trim() === ''}>
          {t('hub.load')}
        </button>
      </form>
      <ul className="hub-curated" aria-label={t('hub.curated')}>
        {props.curated.map((m, i) => (
          <li key={m.id}>
            <button type="button" data-testid={`hub-curated-${i}`} disabled={busy} onClick={() => load(m.id, '')}>
              <code>{m.id}</code>
            </button>{' '}
            <span className="muted">
              {m.about} · {formatBytes(m.bytes)}
            </span>
          </li>
        ))}
      </ul>
      <div className="hub-settings">
        <label>
          {t('hub.address')}{' '}
          <input
            data-testid="hub-url"
            value={settings.hubUrl}
            onChange={(e) => settings.setHubUrl(e.target.value)}
            size={30}
            spellCheck={false}
          />
        </label>
        <label>
          {t('hub.token')}{' '}
          <input
            data-testid="hub-token"
            type="password"
            autoComplete="off"
            value={settings.token}
            onChange={(e) => settings.setToken(e.target.value)}
            placeholder={t('hub.tokenPlaceholder')}
            size={32}
          />
        </label>
        <span className="muted" data-testid="hub-token-origin">
          {t('hub.sentOnlyTo', { origin: hubOriginText(settings.hubUrl) })}
        </span>
        <label className="muted">
          <input
            data-testid="hub-remember-token"
            type="checkbox"
            checked={settings.remember}
            onChange={(e) => settings.setRemember(e.target.checked)}
          />{' '}
          {t('hub.rememberToken')}
        </label>
      </div>
      <HubCacheList
        entries={props.cacheEntries}
        busy={busy}
        onOpen={(e) => load(e.id, e.revision, e.hubUrl)}
        onRemove={props.onRemoveCached}
        onClear={props.onClearCache}
      />
      {last && !busy && (
        <p className="muted" data-testid="hub-result" data-from-cache={String(last.fromCache)}>
          {last.key.slice(3)}: {last.fromCache ? t('hub.fromCache') : t('hub.downloaded', { size: formatBytes(last.bytes) })}
          {last.note && ` ${last.note}`}
        </p>
      )}
      {progress && (
        <div className="hub-progress" data-testid="hub-progress-box">
          <progress data-testid="hub-progress" max={progress.total} value={progress.loaded} aria-label={t('hub.progress')} />
          <span data-testid="hub-progress-text">
            {progress.file}:{' '}
            {t('hub.progressText', { loaded: formatBytes(progress.loaded), total: formatBytes(progress.total), percent })}
          </span>
          {progress.pace && (
            <span className="muted" data-testid="hub-pace">
              {t('hub.pace', { speed: formatBytes(progress.pace.bytesPerSecond), left: remainingWords(progress.pace.remainingMs) })}
            </span>
          )}
          <button type="button" data-testid="hub-cancel" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      )}
      {confirm && (
        <div className="hub-confirm" role="alertdialog" aria-label={t('hub.large')} data-testid="hub-confirm-box">
          <span>
            {t('hub.confirmIs')} <strong>{formatBytes(confirm.bytes)}</strong> ({confirm.files.join(', ')}){t('hub.confirmAsk')}
          </span>
          <button type="button" data-testid="hub-confirm" onClick={() => props.onConfirm(true)}>
            {t('hub.download', { size: formatBytes(confirm.bytes) })}
          </button>
          <button type="button" data-testid="hub-decline" onClick={() => props.onConfirm(false)}>
            {t('common.notNow')}
          </button>
        </div>
      )}
      {retry && !busy && (
        <div className="hub-retry">
          <button type="button" data-testid="hub-retry" onClick={() => props.onLoad(retry)}>
            {t('hub.retry', { id: retry.ref.id })}
          </button>{' '}
          <span className="muted">{t('hub.retryNote')}</span>
        </div>
      )}
    </details>
  );
}
