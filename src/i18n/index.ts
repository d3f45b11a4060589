/** The interface's one catalogue: i18next with English and 简体中文 (src/i18n/locales/). */
import i18next from 'i18next';
import { useSyncExternalStore } from 'react';
import { en } from './locales/en';
import { LANG_STORAGE_KEY, pickLang, type Lang } from './language';

export type { Lang } from './language';
export { LANGS } from './language';

function storedLang(): string | null {
  try {
    return globalThis.localStorage?.getItem(LANG_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

const initial: Lang =
  typeof location === 'undefined'
    ? 'en'
    : pickLang(
        location.search,
        storedLang(),
        typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]),
      );

// Only English is in the page's first script; 简体中文 is its own chunk, loaded when it is chosen
// (main.tsx waits for it before the first render when the page opens in Chinese).
void i18next.init({
  resources: { en: { translation: en } },
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
});

/** Loads a language's catalogue (once) and switches to it. */
export async function switchLanguage(lang: Lang): Promise<void> {
  if (lang === 'zh-CN' && !i18next.hasResourceBundle('zh-CN', 'translation')) {
    const { zhCN } = await import('./locales/zh-CN');
    i18next.addResourceBundle('zh-CN', 'translation', zhCN);
  }
  await i18next.changeLanguage(lang);
  if (typeof document !== 'undefined') {
    document.documentElement.lang = lang;
    // the tab's name and the bookmark's in the same language (index.html has the English one)
    document.title = i18next.t('app.documentTitle');
  }
}

/** The language the page opens in (from ?lang=, the remembered choice, the browser's languages), ready to use. */
export const ready: Promise<void> = switchLanguage(initial);

export const i18n = i18next;
/** Translate outside React (modules such as stageText.ts); components re-render through useLang(). */
export const t = i18next.t.bind(i18next);

export function currentLang(): Lang {
  return i18next.language === 'zh-CN' ? 'zh-CN' : 'en';
}

/** Switch now, remember it, and keep ?lang= in the address in step (a copied link keeps the language). */
export function setLang(lang: Lang): Promise<void> {
  const switched = switchLanguage(lang);
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  const params = new URLSearchParams(location.search);
  if (params.has('lang')) {
    params.set('lang', lang);
    history.replaceState(history.state, '', `${location.pathname}?${params.toString()}${location.hash}`);
  }
  return switched;
}

/**
 * The UI language; a component that calls it re-renders when the language changes: React's own
 * external-store hook on i18next's languageChanged event, which is all react-i18next did here.
 */
export function useLang(): Lang {
  return useSyncExternalStore(subscribe, currentLang, () => 'en');
}

function subscribe(onChange: () => void): () => void {
  i18next.on('languageChanged', onChange);
  return () => i18next.off('languageChanged', onChange);
}
