import { t } from '../../i18n';
export interface ModelChoice {
  id: string;
  label: string;
}

export interface ModelPickerProps {
  choices: ModelChoice[];
  current: string;
  onPick: (id: string) => void;
}

/** The built-in models; your own files come in through "Model files…". */
export function ModelPicker({ choices, current, onPick }: ModelPickerProps) {
  const known = choices.some((c) => c.id === current);
  return (
    <label className="model-picker">
      {t('modelPicker.label')}{' '}
      <select data-testid="model-select" value={current} onChange={(e) => onPick(e.target.value)}>
        {!known && (
          <option value={current}>
            {current.startsWith('hf:') ? t('modelPicker.hub', { id: current.slice(3) }) : t('modelPicker.own')}
          </option>
        )}
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}
