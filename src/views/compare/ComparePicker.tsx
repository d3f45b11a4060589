import { galleryName, type CompareSpec, type GalleryEntry } from '../../state/compare';
import { t } from '../../i18n';
import { sampleTitle } from '../common/sampleTitle';

export interface ModelChoiceB {
  id: string;
  label: string;
  /** why it cannot be B, or null when it can */
  disabled: string | null;
}

export interface ComparePickerProps {
  spec: CompareSpec | null;
  gallery: GalleryEntry[];
  models: ModelChoiceB[];
  onSpec: (spec: CompareSpec) => void;
}

/** What run B is: a gallery image or the user's own (on A's model), or A's image on another model. */
export function ComparePicker({ spec, gallery, models, onSpec }: ComparePickerProps) {
  return (
    <div className="compare-picker">
      <label>
        {t('compare.image')}{' '}
        <select
          data-testid="compare-image"
          value={spec?.kind === 'image' ? spec.name : ''}
          onChange={(e) => e.target.value && onSpec({ kind: 'image', name: e.target.value })}
        >
          <option value="">{t('compare.pickImage')}</option>
          {gallery.map((entry) => (
            <option key={entry.file} value={galleryName(entry)}>
              {sampleTitle(entry)}
            </option>
          ))}
        </select>
      </label>
      {/* the page's own button, in its language, not the browser's 'Choose File / No file chosen' */}
      <span className="compare-file">
        {t('compare.file')}{' '}
        <label className="file-button">
          <span>{t('compare.chooseFile')}</span>
          <input
            type="file"
            accept="image/*"
            data-testid="compare-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) onSpec({ kind: 'file', file });
              e.target.value = '';
            }}
          />
        </label>
      </span>
      <label>
        {t('compare.model')}{' '}
        <select
          data-testid="compare-model"
          value={spec?.kind === 'model' ? spec.id : ''}
          onChange={(e) => e.target.value && onSpec({ kind: 'model', id: e.target.value })}
        >
          <option value="">{t('compare.pickModel')}</option>
          {models.map((m) => (
            <option key={m.id} value={m.id} disabled={m.disabled !== null}>
              {m.disabled ? `${m.label} — ${m.disabled}` : m.label}
            </option>
          ))}
        </select>
      </label>
      <p className="muted small" data-testid="compare-model-why">
        {t('compare.disabledWhy')}
      </p>
    </div>
  );
}
