/**
 * A hub address that arrives in a link (`?hub=`) is a question, not a setting: unless it is the
 * hub the user saved (or accepted earlier in this tab), the page shows the address and waits for a
 * yes or no before any request goes there. Yes uses it for this tab, and keeps it for next time
 * only when the user ticks "remember"; no keeps the saved hub. The question lives in one small
 * store, so the opening (useVitSession) asks and the page (HubLinkQuestion) answers.
 */
import { useSyncExternalStore } from 'react';
import { DEFAULT_HUB_URL, normaliseHubUrl } from '../platform/hub/hubRef';
import { HUB_KEY } from '../platform/hub/hubTokens';

export interface HubLinkAnswer {
  accept: boolean;
  remember: boolean;
}

interface Pending {
  url: string;
  answer: (a: HubLinkAnswer) => void;
}

const ACCEPTED_KEY = 'vitlens.hubLinkAccepted';
let pending: Pending | null = null;
const listeners = new Set<() => void>();
const acceptedListeners = new Set<(url: string, remembered: boolean) => void>();
const notify = () => listeners.forEach((l) => l());

function storage(kind: 'local' | 'session'): Storage | null {
  try {
    return kind === 'local' ? localStorage : sessionStorage;
  } catch {
    return null;
  }
}

/** The hub the user saved, or huggingface.co. */
export function savedHubUrl(): string {
  try {
    return normaliseHubUrl(storage('local')?.getItem(HUB_KEY) ?? DEFAULT_HUB_URL);
  } catch {
    return DEFAULT_HUB_URL;
  }
}

export function saveHubUrl(url: string): void {
  try {
    if (url === DEFAULT_HUB_URL) storage('local')?.removeItem(HUB_KEY);
    else storage('local')?.setItem(HUB_KEY, url);
  } catch {
    // storage blocked: the setting lasts for this page only
  }
}

/** Hubs accepted from a link in this tab without remembering them: not asked again until it closes. */
export function acceptedThisTab(): string[] {
  try {
    const list: unknown = JSON.parse(storage('session')?.getItem(ACCEPTED_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((u): u is string => typeof u === 'string') : [];
  } catch {
    return [];
  }
}

function acceptForTab(url: string) {
  try {
    storage('session')?.setItem(ACCEPTED_KEY, JSON.stringify([...new Set([...acceptedThisTab(), url])]));
  } catch {
    // storage blocked: asked again on the next page
  }
}

/** Asks about a hub address from a link; resolves with the user's answer. */
export function askAboutHubLink(url: string): Promise<HubLinkAnswer> {
  return new Promise((resolve) => {
    pending?.answer({ accept: false, remember: false });
    pending = {
      url,
      answer: (a) => {
        pending = null;
        notify();
        if (a.accept) {
          if (a.remember) saveHubUrl(url);
          else acceptForTab(url);
          acceptedListeners.forEach((l) => l(url, a.remember));
        }
        resolve(a);
      },
    };
    notify();
  });
}

export type HubLinkDecision =
  | { kind: 'none' } // no ?hub= in the address
  | { kind: 'same'; hubUrl: string } // the saved hub, or one accepted in this tab
  | { kind: 'invalid'; text: string; reason: string }
  | { kind: 'ask'; hubUrl: string };

/** What to do with the address's `?hub=`, before asking anything. */
export function hubLinkDecision(search: string): HubLinkDecision {
  const raw = new URLSearchParams(search).get('hub');
  if (raw === null || raw.trim() === '') return { kind: 'none' };
  let hubUrl: string;
  try {
    hubUrl = normaliseHubUrl(raw);
  } catch (e) {
    return { kind: 'invalid', text: raw, reason: (e as Error).message };
  }
  if (hubUrl === savedHubUrl() || acceptedThisTab().includes(hubUrl)) return { kind: 'same', hubUrl };
  return { kind: 'ask', hubUrl };
}

/** Called when a link's hub is accepted (the Hub panel then shows it). Returns an unsubscribe. */
export function onHubLinkAccepted(listener: (url: string, remembered: boolean) => void): () => void {
  acceptedListeners.add(listener);
  return () => acceptedListeners.delete(listener);
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The question waiting for an answer, if any. */
export const pendingHubLinkQuestion = (): Pending | null => pending;

export function useHubLinkQuestion(): Pending | null {
  return useSyncExternalStore(subscribe, pendingHubLinkQuestion);
}
