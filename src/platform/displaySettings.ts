/**
 * How the page looks, chosen by the reader: the theme (light/dark; by default the system's
 * prefers-color-scheme) and the colour map of every heatmap. A choice is read from the address
 * (?theme=, ?palette=; untrusted: anything unknown is ignored), else from localStorage, else the
 * default; a choice made on the page is remembered and written back to the address when the address
 * names one, so a shared link shows what the sender saw. public/theme-early.js applies the theme
 * before the first paint with the same rules (keep them in step).
 */
import { useSyncExternalStore } from 'react';

export type Theme = 'light' | 'dark';
export const PALETTES = ['viridis', 'cividis', 'magma', 'inferno', 'plasma'] as const;
export type PaletteId = (typeof PALETTES)[number];
export const DEFAULT_PALETTE: PaletteId = 'viridis';

export interface DisplaySettings {
  theme: Theme;
  /** whether the theme was chosen (address or toggle) rather than taken from the system */
  themeChosen: boolean;
  palette: PaletteId;
}

const THEME_KEY = 'vitlens.theme';
const PALETTE_KEY = 'vitlens.palette';

export const isTheme = (v: unknown): v is Theme => v === 'light' || v === 'dark';
export const isPalette = (v: unknown): v is PaletteId => (PALETTES as readonly unknown[]).includes(v);

/** The settings from the address, the stored choices and the system's scheme (first that is valid wins). */
export function resolveSettings(
  search: string,
  stored: { theme: string | null; palette: string | null },
  systemDark: boolean,
): DisplaySettings {
  const params = new URLSearchParams(search);
  const urlTheme = params.get('theme');
  const urlPalette = params.get('palette');
  const chosen = isTheme(urlTheme) ? urlTheme : isTheme(stored.theme) ? stored.theme : null;
  return {
    theme: chosen ?? (systemDark ? 'dark' : 'light'),
    themeChosen: chosen !== null,
    palette: isPalette(urlPalette) ? urlPalette : isPalette(stored.palette) ? stored.palette : DEFAULT_PALETTE,
  };
}

function readStored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage blocked (private mode, sandboxed frame): the choice lasts for the page
  }
}
function writeStored(key: string, value: string) {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* see readStored */
  }
}

const darkQuery = () => (typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null);

function current(): DisplaySettings {
  return resolveSettings(
    location.search,
    { theme: readStored(THEME_KEY), palette: readStored(PALETTE_KEY) },
    darkQuery()?.matches ?? false,
  );
}

let settings: DisplaySettings | null = null;
const listeners = new Set<() => void>();

function apply(next: DisplaySettings) {
  settings = next;
  const root = document.documentElement;
  root.dataset.theme = next.theme;
  root.style.colorScheme = next.theme;
  for (const l of listeners) l();
}

/** Rewrites one parameter of the address when it names it (no new history entry, no reload). */
function updateAddress(key: string, value: string) {
  const params = new URLSearchParams(location.search);
  if (!params.has(key)) return;
  params.set(key, value);
  history.replaceState(history.state, '', `${location.pathname}?${params.toString()}${location.hash}`);
}

function subscribe(listener: () => void) {
  if (listeners.size === 0) darkQuery()?.addEventListener('change', onSystemChange);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) darkQuery()?.removeEventListener('change', onSystemChange);
  };
}
function onSystemChange() {
  apply(current());
}
function snapshot(): DisplaySettings {
  if (!settings) apply(current());
  return settings!;
}

export function setTheme(theme: Theme) {
  writeStored(THEME_KEY, theme);
  updateAddress('theme', theme);
  apply(current());
}

export function setPalette(palette: PaletteId) {
  writeStored(PALETTE_KEY, palette);
  updateAddress('palette', palette);
  // the palette belongs in a shared link: add it to the address when it is not the default
  const params = new URLSearchParams(location.search);
  if (!params.has('palette') && palette !== DEFAULT_PALETTE) {
    params.set('palette', palette);
    history.replaceState(history.state, '', `${location.pathname}?${params.toString()}${location.hash}`);
  }
  apply(current());
}

/** The display settings, re-rendering on a change (toggle, palette, or the system's scheme). */
export function useDisplaySettings(): DisplaySettings {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
