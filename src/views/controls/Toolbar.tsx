import type { ChangeEvent } from 'react';
import { t } from '../../i18n';
import { DisplayControls } from './DisplayControls';
import { LangSelect } from '../../i18n/LangSelect';

export interface ToolbarProps {
  busy: boolean;
  canExport: boolean;
  backendNames: readonly string[];
  backend: string | null;
  backendDetail: string;
  backendReason: string;
  onModelFiles: (files: File[]) => void;
  onImageFile: (file: File) => void;
  onBackend: (name: string) => void;
  /** opens the export dialog (which layers go into trace.npz) */
  onExport: () => void;
  /** the live camera: whether its panel is open, and the toggle (absent: no button) */
  cameraOpen?: boolean;
  onCamera?: () => void;
}

function filesOf(event: ChangeEvent<HTMLInputElement>): File[] {
  const files = Array.from(event.target.files ?? []);
  event.target.value = ''; // choosing the same file again still fires a change
  return files;
}

/** The page's inputs: model files, an image, the backend, and the trace export. */
export function Toolbar(props: ToolbarProps) {
  return (
    <div className="toolbar">
      <label className="file-button">
        <span>{t('toolbar.modelFiles')}</span>
        <input
          data-testid="model-files-input"
          type="file"
          multiple
          accept=".json,.safetensors,.bin"
          onChange={(e) => {
            const files = filesOf(e);
            if (files.length > 0) props.onModelFiles(files);
          }}
        />
      </label>
      <label className="file-button">
        <span>{t('toolbar.image')}</span>
        <input
          data-testid="image-input"
          type="file"
          accept="image/*"
          onChange={(e) => {
            const [file] = filesOf(e);
            if (file) props.onImageFile(file);
          }}
        />
      </label>
      {props.onCamera && (
        <button
          type="button"
          className="camera-button"
          data-testid="camera-toggle"
          aria-pressed={!!props.cameraOpen}
          aria-label={t('toolbar.camera')}
          title={t('toolbar.camera')}
          onClick={props.onCamera}
        >
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <path d="M2 5h3l1.5-2h3L11 5h3v8H2z" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
            <circle cx="8" cy="9" r="2.4" fill="none" stroke="currentColor" strokeWidth="1.4" />
          </svg>
          <span className="camera-word">{t('toolbar.camera')}</span>
        </button>
      )}
      <button
        type="button"
        data-testid="export-trace"
        aria-haspopup="dialog"
        disabled={!props.canExport || props.busy}
        onClick={props.onExport}
      >
        {t('toolbar.export')}
      </button>
      <label className="backend">
        {t('toolbar.backend')}{' '}
        <select
          data-testid="backend-select"
          value={props.backend ?? ''}
          disabled={props.busy}
          onChange={(e) => props.onBackend(e.target.value)}
        >
          {props.backendNames.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <span data-testid="backend" data-backend={props.backend ?? ''} className="muted" title={props.backendReason}>
          {props.backendDetail}
        </span>
      </label>
      <DisplayControls />
      <LangSelect />
    </div>
  );
}
