import { t } from '../../i18n';
/** A labelled picker of one of the model's L layers, 0…L−1 (the last one marked if asked). */
export function LayerSelect({
  label,
  layers,
  value,
  onChange,
  testId,
  markLast = false,
}: {
  label: string;
  layers: number;
  value: number;
  onChange: (layer: number) => void;
  testId?: string;
  markLast?: boolean;
}) {
  return (
    <label>
      {label}{' '}
      <select data-testid={testId} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {Array.from({ length: layers }, (_, l) => (
          <option key={l} value={l}>
            {l}
            {markLast && l === layers - 1 ? t('layerSelect.last') : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
