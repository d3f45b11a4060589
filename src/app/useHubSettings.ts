/**
 * The hub's address and the access token. The address comes from `?hub=`, else the last one
 * used (localStorage), else huggingface.co. The token stays in memory unless the user ticks
 * "remember", which keeps it in this browser's localStorage until unticked.
 */
import { useCallback, useState } from 'react';
import { DEFAULT_HUB_URL } from '../platform/hub/hubRef';

const HUB_KEY = 'vitlens.hubUrl';
const TOKEN_KEY = 'vitlens.hubToken';

const stored = (key: string): string | null => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
};
const store = (key: string, value: string | null) => {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // storage blocked: the setting lasts for this page only
  }
};

export function initialHubUrl(): string {
  return new URLSearchParams(location.search).get('hub') ?? stored(HUB_KEY) ?? DEFAULT_HUB_URL;
}

export function rememberedToken(): string {
  return stored(TOKEN_KEY) ?? '';
}

export interface HubSettings {
  hubUrl: string;
  setHubUrl: (url: string) => void;
  /** remember the address for next time (done when a load starts) */
  saveHubUrl: (url: string) => void;
  token: string;
  setToken: (token: string) => void;
  remember: boolean;
  setRemember: (remember: boolean) => void;
}

export function useHubSettings(): HubSettings {
  const [hubUrl, setHubUrl] = useState(initialHubUrl);
  const [token, setTokenState] = useState(rememberedToken);
  const [remember, setRememberState] = useState(() => stored(TOKEN_KEY) !== null);
  const setToken = useCallback(
    (value: string) => {
      setTokenState(value);
      if (remember) store(TOKEN_KEY, value);
    },
    [remember],
  );
  const setRemember = useCallback(
    (value: boolean) => {
      setRememberState(value);
      store(TOKEN_KEY, value ? token : null);
    },
    [token],
  );
  const saveHubUrl = useCallback((url: string) => store(HUB_KEY, url === DEFAULT_HUB_URL ? null : url), []);
  return { hubUrl, setHubUrl, saveHubUrl, token, setToken, remember, setRemember };
}
