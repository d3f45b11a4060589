/** The browser's cache of Hub downloads, listed for the page; refreshed after every Hub load. */
import { useCallback, useEffect, useState } from 'react';
import { HubCache, type CacheEntry } from '../platform/hub/hubCache';

export interface HubCacheView {
  /** null while unknown; 'unavailable' where the browser keeps no cache */
  entries: CacheEntry[] | null | 'unavailable';
  remove: (entry: CacheEntry) => void;
  clear: () => void;
}

export function useHubCache(generation: number): HubCacheView {
  const [entries, setEntries] = useState<HubCacheView['entries']>(null);
  const refresh = useCallback(async () => {
    const cache = await HubCache.open();
    setEntries(cache ? await cache.list() : 'unavailable');
  }, []);
  useEffect(() => {
    void refresh();
  }, [generation, refresh]);
  return {
    entries,
    remove: (entry) => void HubCache.open().then(async (cache) => (await cache?.remove(entry), refresh())),
    clear: () => void HubCache.clearAll().then(refresh),
  };
}
