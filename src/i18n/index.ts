/** The interface's one catalogue: i18next with English and 简体中文 (src/i18n/locales/). */
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';
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

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: initial,
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
});
if (typeof document !== 'undefined') document.documentElement.lang = initial;

export const i18n = i18next;
/** Translate outside React (modules such as stageText.ts); components re-render through useLang(). */
export const t = i18next.t.bind(i18next);

export function currentLang(): Lang {
  return i18next.language === 'zh-CN' ? 'zh-CN' : 'en';
}

/** Switch now, remember it, and keep ?lang= in the address in step (a copied link keeps the language). */
export function setLang(lang: Lang) {
  void i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
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
}

/** The UI language; a component that calls it re-renders when the language changes. */
export function useLang(): Lang {
  const { i18n: instance } = useTranslation();
  return instance.language === 'zh-CN' ? 'zh-CN' : 'en';
}
