/**
 * The hub's address and its access token. The address is the one the user saved (localStorage),
 * else huggingface.co; a `?hub=` from a link is used only once the user accepts it (useHubLink.ts).
 * A token belongs to the origin it was typed for (platform/hub/hubTokens.ts): the field shows the
 * current hub's token, and a load is given the token of the hub it goes to, never another's. A
 * token stays in memory unless the user ticks "remember", which keeps it, for that origin only, in
 * this browser's localStorage until unticked.
 */
import { useCallback, useEffect, useState } from 'react';
import { hubOrigin, rememberedTokenFor, storedTokens, storeToken } from '../platform/hub/hubTokens';
import { acceptedThisTab, hubLinkDecision, onHubLinkAccepted, saveHubUrl, savedHubUrl } from './useHubLink';
import type { HubSettings } from '../state/hub';
export type { HubSettings };

function local(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

/** The hub the page starts with: the saved one, or a link's hub already accepted in this tab. */
export function initialHubUrl(): string {
  const link = hubLinkDecision(location.search);
  return link.kind === 'same' ? link.hubUrl : savedHubUrl();
}

/** The token remembered for this hub's origin (none for any other). */
export function rememberedToken(hubUrl: string): string {
  return rememberedTokenFor(local(), hubUrl);
}


export function useHubSettings(): HubSettings {
  const [hubUrl, setHubUrl] = useState(initialHubUrl);
  // tokens typed in this page, by origin; remembered ones are read from storage
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [remembered, setRemembered] = useState(() => storedTokens(local()));
  useEffect(() => onHubLinkAccepted((url) => setHubUrl(url)), []);
  const origin = hubOrigin(hubUrl);
  const tokenFor = useCallback(
    (url: string) => {
      const o = hubOrigin(url);
      return o === null ? '' : (typed[o] ?? remembered[o] ?? '');
    },
    [typed, remembered],
  );
  const remember = origin !== null && origin in remembered;
  const setToken = useCallback(
    (value: string) => {
      if (origin === null) return;
      setTyped((t) => ({ ...t, [origin]: value }));
      if (remember) {
        storeToken(local(), origin, value);
        setRemembered(storedTokens(local()));
      }
    },
    [origin, remember],
  );
  const setRemember = useCallback(
    (value: boolean) => {
      if (origin === null) return;
      storeToken(local(), origin, value ? tokenFor(origin) : null);
      setRemembered(storedTokens(local()));
      // ticking with an empty field keeps the box ticked: the token typed next is kept
      if (value && tokenFor(origin) === '') setRemembered((r) => ({ ...r, [origin]: '' }));
    },
    [origin, tokenFor],
  );
  const save = useCallback((url: string) => {
    // a link's hub accepted for this tab only stays unsaved until the user types an address
    if (acceptedThisTab().includes(url) && savedHubUrl() !== url) return;
    saveHubUrl(url);
  }, []);
  return {
    hubUrl,
    setHubUrl,
    saveHubUrl: save,
    token: origin === null ? '' : tokenFor(origin),
    setToken,
    tokenFor,
    remember,
    setRemember,
  };
}
