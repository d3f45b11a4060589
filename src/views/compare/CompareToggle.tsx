import { t } from '../../i18n';

/** Turns the side-by-side comparison on and off (its panel and code load on the first press). */
export function CompareToggle({ on, onToggle }: { on: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      className="compare-toggle"
      data-testid="compare-toggle"
      aria-pressed={on}
      onClick={onToggle}
      style={{ alignSelf: 'flex-start' }}
    >
      {t('compare.toggle')}
    </button>
  );
}
