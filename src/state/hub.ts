/**
 * What the Hub panel shows and asks of the app: shared by src/app (which keeps the state) and
 * src/views/hub (which draws it), so neither imports the other.
 */
import type { HubRef } from '../platform/hub/hubRef';
import type { HubProgress } from '../platform/hub/loadFromHub';
import type { DownloadPace } from './remainingTime';

/** A checkpoint the Hub panel suggests, with the size of its weights. */
export interface CuratedModel {
  id: string;
  /** what it is, in a few words */
  about: string;
  /** the weights' download size in bytes (safetensors, F32) */
  bytes: number;
}

export interface HubSettings {
  hubUrl: string;
  setHubUrl: (url: string) => void;
  /** remember the address for next time (done when a load starts; not for a link's hub the user did not ask to keep) */
  saveHubUrl: (url: string) => void;
  /** the token for the hub address shown */
  token: string;
  setToken: (token: string) => void;
  /** the token typed or remembered for that hub's origin, '' for any other */
  tokenFor: (hubUrl: string) => string;
  /** whether the shown hub's token is kept in this browser */
  remember: boolean;
  setRemember: (remember: boolean) => void;
}

export interface HubLoadRequest {
  ref: HubRef;
  hubUrl: string;
  token: string;
}

/** Where a Hub load stands, for the Hub panel. */
export interface HubDownload {
  /** the download under way, with its speed and time left once they can be said (remainingTime.ts) */
  progress: (HubProgress & { pace: DownloadPace | null }) | null;
  /** a large download waiting for the user's yes or no */
  confirm: { bytes: number; files: string[] } | null;
  /** the load to try again after a network failure */
  retry: HubLoadRequest | null;
  /** how the last Hub model arrived */
  last: { key: string; fromCache: boolean; bytes: number; note: string | null } | null;
  /** bumps after every Hub load, so the cache list refreshes */
  generation: number;
}
