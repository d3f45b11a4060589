/** An error in the page's language where the catalogue knows its kind; otherwise its own message. */
import { t } from '../i18n';
import { ImageFileError } from '../platform/imageSniff';

export function errorWords(error: unknown): string {
  if (error instanceof ImageFileError) {
    return t('imageErrors.file', { name: error.fileName, reason: t(`imageErrors.${error.problem}`, error.params) });
  }
  return error instanceof Error ? error.message : String(error);
}
