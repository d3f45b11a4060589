import { t } from '../../i18n';
import { PALETTES, setPalette, setTheme, useDisplaySettings, isPalette } from '../../platform/displaySettings';

/** A palette's name and, for two of them, why one would pick it. */
const paletteName = (id: (typeof PALETTES)[number]): string =>
  id === 'viridis' ? `${id} (${t('display.default')})` : id === 'cividis' ? `${id} (${t('display.colourBlind')})` : id;

/** The page's look: dark or light (remembered; ?theme=) and the heatmaps' colour maps (?palette=). */
export function DisplayControls() {
  const { theme, palette } = useDisplaySettings();
  const dark = theme === 'dark';
  return (
    <>
      <button
        type="button"
        data-testid="theme-toggle"
        data-theme={theme}
        aria-pressed={dark}
        title={dark ? t('display.toLight') : t('display.toDark')}
        onClick={() => setTheme(dark ? 'light' : 'dark')}
      >
        {dark ? t('display.light') : t('display.dark')}
      </button>
      <label className="palette">
        {t('display.colours')}{' '}
        <select
          data-testid="palette-select"
          value={palette}
          onChange={(e) => isPalette(e.target.value) && setPalette(e.target.value)}
        >
          {PALETTES.map((id) => (
            <option key={id} value={id}>
              {paletteName(id)}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
