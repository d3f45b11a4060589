/**
 * The service worker (sw.js, made at build time: scripts/build/offline.ts) that keeps the page
 * working offline. Registered only after the first complete view, so its precaching (the whole
 * app, ~4 MB) does not compete with that view on a slow network. A new deployment's worker waits;
 * `onUpdate` tells the page, and `activateUpdate` hands over to it and reloads.
 */
export interface OfflineEvents {
  /** a new version is installed and waiting: reload to use it */
  onUpdate: (activateUpdate: () => Promise<void>) => void;
  /** everything is cached: the page opens without a network from now on */
  onOfflineReady: () => void;
}

/** how often an open page asks for a new deployment */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

let registered = false;

export async function registerServiceWorker(events: OfflineEvents): Promise<void> {
  // the dev server has no sw.js; a page not served over http(s) or localhost has no service workers
  if (registered || !import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  registered = true;
  const { registerSW } = await import('virtual:pwa-register');
  const activate = registerSW({
    immediate: true,
    onNeedRefresh: () => events.onUpdate(() => activate(true)),
    // installed is not yet in charge: a reload in between would still go to the network
    onOfflineReady: () => void navigator.serviceWorker.ready.then(() => events.onOfflineReady()),
    onRegisteredSW: (_url, registration) => {
      if (registration) setInterval(() => void registration.update().catch(() => undefined), UPDATE_CHECK_MS);
    },
  });
}

/** This build's name (git commit, or VITLENS_BUILD at build time). */
export const BUILD_NAME: string = typeof __VITLENS_BUILD__ === 'string' ? __VITLENS_BUILD__ : 'dev';
