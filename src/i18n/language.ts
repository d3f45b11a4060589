/** Which UI language to use: ?lang= in the address, then the remembered choice, then the browser's. */
export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];
export const LANG_STORAGE_KEY = 'vitlens.lang';

/** Maps any BCP 47 tag to a language we have: zh, zh-CN, zh-Hans… → zh-CN; everything else → null. */
export function matchLang(tag: string | null | undefined): Lang | null {
  if (!tag) return null;
  const t = tag.trim().toLowerCase();
  if (t === 'en' || t.startsWith('en-')) return 'en';
  if (t === 'zh' || t.startsWith('zh-')) return 'zh-CN';
  return null;
}

export function pickLang(query: string, stored: string | null, browser: readonly string[]): Lang {
  // the address is untrusted: only an exact known value counts
  const fromUrl = new URLSearchParams(query).get('lang');
  if (fromUrl === 'en' || fromUrl === 'zh-CN') return fromUrl;
  if (stored === 'en' || stored === 'zh-CN') return stored;
  for (const tag of browser) {
    const m = matchLang(tag);
    if (m) return m;
  }
  return 'en';
}
