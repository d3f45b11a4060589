import { setLang, t, useLang, type Lang } from '.';

/** The language switch (hook lang-select); each language is named in itself. */
export function LangSelect() {
  const lang = useLang();
  return (
    <label className="lang-select">
      {t('lang.label')}{' '}
      <select data-testid="lang-select" value={lang} onChange={(e) => void setLang(e.target.value as Lang)}>
        <option value="en">English</option>
        <option value="zh-CN">简体中文</option>
      </select>
    </label>
  );
}
