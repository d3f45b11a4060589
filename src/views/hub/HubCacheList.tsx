import type { CacheEntry } from '../../platform/hub/hubCache';
import { formatBytes } from '../../platform/hub/loadFromHub';

export interface HubCacheListProps {
  /** null while unknown; 'unavailable' where the browser keeps no cache */
  entries: CacheEntry[] | null | 'unavailable';
  busy: boolean;
  onOpen: (entry: CacheEntry) => void;
  onRemove: (entry: CacheEntry) => void;
  onClear: () => void;
}

/** What the browser keeps of Hub downloads: each model, its size, and whether it is complete. */
export function HubCacheList({ entries, busy, onOpen, onRemove, onClear }: HubCacheListProps) {
  if (entries === 'unavailable') {
    return (
      <p className="muted" data-testid="hub-cache-unavailable">
        This browser keeps no cache here (the page needs https or localhost), so every load downloads again.
      </p>
    );
  }
  const list = entries ?? [];
  const total = list.reduce((sum, e) => sum + e.bytes, 0);
  return (
    <div className="hub-cache" data-testid="hub-cache">
      <div className="hub-cache-head">
        <strong>Kept in this browser</strong>{' '}
        <span data-testid="hub-cache-total">
          {list.length === 0 ? 'nothing yet' : `${list.length} model${list.length > 1 ? 's' : ''}, ${formatBytes(total)}`}
        </span>
        {list.length > 0 && (
          <button type="button" data-testid="hub-cache-clear" disabled={busy} onClick={onClear}>
            Clear all
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
                  {e.hubUrl !== 'https://huggingface.co' && <div className="muted small">{e.hubUrl}</div>}
                </td>
                <td className="num">{formatBytes(e.bytes)}</td>
                <td className="muted">
                  {e.complete && e.filesCached === e.files.length
                    ? `${e.files.length} file${e.files.length > 1 ? 's' : ''}`
                    : `incomplete: ${e.filesCached} of ${e.files.length} files`}
                </td>
                <td>
                  <button type="button" disabled={busy} onClick={() => onOpen(e)}>
                    Open
                  </button>{' '}
                  <button type="button" disabled={busy} onClick={() => onRemove(e)} aria-label={`Remove ${e.id} from the cache`}>
                    Remove
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
