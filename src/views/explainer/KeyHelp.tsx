import { t } from '../../i18n';
/** The keyboard map, shown on the page. */
export function KeyHelp() {
  return (
    <aside className="key-help" data-testid="key-help" aria-label={t('keys.label')}>
      {t('keys.keys')} <kbd>←</kbd> <kbd>→</kbd> {t('keys.stage')} · <kbd>↑</kbd> <kbd>↓</kbd> {t('keys.layer')} · <kbd>[</kbd>{' '}
      <kbd>]</kbd> {t('keys.head')} · {t('keys.click')}
    </aside>
  );
}
