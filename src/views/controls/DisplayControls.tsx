import { PALETTES, setPalette, setTheme, useDisplaySettings, isPalette } from '../../platform/displaySettings';

const PALETTE_NAMES: Record<(typeof PALETTES)[number], string> = {
  viridis: 'viridis (default)',
  cividis: 'cividis (for colour-blind eyes)',
  magma: 'magma',
  inferno: 'inferno',
  plasma: 'plasma',
};

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
        title={dark ? 'Switch to the light theme' : 'Switch to the dark theme'}
        onClick={() => setTheme(dark ? 'light' : 'dark')}
      >
        {dark ? '☀ Light' : '☾ Dark'}
      </button>
      <label className="palette">
        Colours{' '}
        <select
          data-testid="palette-select"
          value={palette}
          onChange={(e) => isPalette(e.target.value) && setPalette(e.target.value)}
        >
          {PALETTES.map((id) => (
            <option key={id} value={id}>
              {PALETTE_NAMES[id]}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
