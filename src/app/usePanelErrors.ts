/** The panels that failed (each shows its own error): their titles, for the status bar's message. */
import { useCallback, useState } from 'react';
import { t } from '../i18n';
import type { PanelErrorReport } from '../views/common/PanelBoundary';

/** The failed panels' titles by name after a panel reports `message` (null: it recovered); `old` itself when nothing changed. */
export function withPanelError(
  old: ReadonlyMap<string, string>,
  name: string,
  title: string,
  message: string | null,
): ReadonlyMap<string, string> {
  if ((message !== null) === old.has(name)) return old;
  const next = new Map(old);
  if (message !== null) next.set(name, title);
  else next.delete(name);
  return next;
}

/** The session's status message, with the failed panels named after it. */
export function statusWithFailures(message: string, failed: string[]): string {
  return failed.length === 0
    ? message
    : `${message} ${t('app.panelsFailed', { count: failed.length, list: failed.join(t('stages.prefix.semicolon')) })}`;
}

export function usePanelErrors(): { failed: string[]; onPanelError: PanelErrorReport } {
  const [panelErrors, setPanelErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const onPanelError: PanelErrorReport = useCallback(
    (name, title, message) => setPanelErrors((old) => withPanelError(old, name, title, message)),
    [],
  );
  return { failed: [...panelErrors.values()], onPanelError };
}
