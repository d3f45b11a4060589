import type { CacheEntry } from '../../platform/hub/hubCache';
import { formatBytes } from '../../platform/formatBytes';
import { t } from '../../i18n';

export interface HubCacheListProps {
  /** null while unknown; 'unavailable' where the browser keeps no cache */
  entries: CacheEntry[] | null | 'unavailable';
  busy: boolean;
  onOpen: (entry: CacheEntry) => void;
  onRemove: (entry: CacheEntry) => void;
  onClear: () => void;
}

const DEFAULT_HUB = 'https://huggingface.co';

/** What the browser keeps of Hub downloads: each model, its size, and whether it is complete. */
export function HubCacheList({ entries, busy, onOpen, onRemove, onClear }: HubCacheListProps) {
  if (entries === 'unavailable') {
    return (
      <p className="muted" data-testid="hub-cache-unavailable">
        {t('hubCache.unavailable')}
      </p>
    );
  }
  const list = entries ?? [];
  const total = list.reduce((sum, e) => sum + e.bytes, 0);
  return (
    <div className="hub-cache" data-testid="hub-cache">
      <div className="hub-cache-head">
        <strong>{t('hubCache.title')}</strong>{' '}
        <span data-testid="hub-cache-total">
          {list.length === 0 ? t('hubCache.empty') : t('hubCache.total', { count: list.length, size: formatBytes(total) })}
        </span>
        {list.length > 0 && (
          <button type="button" data-testid="hub-cache-clear" disabled={busy} onClick={onClear}>
            {t('hubCache.clear')}
          </button>
        )}
      </div>
      {list.length > 0 && (
        <table className="hub-cache-table">
          <tbody>
            {list.map((e) => (
              <tr key={`${e.hubUrl} ${e.id} ${e.revision}`} data-testid="hub-cache-row" data-model={e.id}>
                <td>
                  <code>{e.id}</code>
                  {e.revision !== 'main' && <span className="muted"> @ {e.revision}</span>}
                  {e.hubUrl !== DEFAULT_HUB && <div className="muted small">{e.hubUrl}</div>}
                </td>
                <td className="num">{formatBytes(e.bytes)}</td>
                <td className="muted">
                  {e.complete && e.filesCached === e.files.length
                    ? t('hubCache.files', { count: e.files.length })
                    : t('hubCache.incomplete', { cached: e.filesCached, count: e.files.length })}
                </td>
                <td>
                  <button type="button" disabled={busy} onClick={() => onOpen(e)}>
                    {t('hubCache.open')}
                  </button>{' '}
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => onRemove(e)}
                    aria-label={t('hubCache.removeLabel', { id: e.id })}
                  >
                    {t('hubCache.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
