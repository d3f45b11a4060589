/**
 * Images arriving by drag-and-drop anywhere on the page, or by paste (Ctrl/Cmd+V).
 * Returns whether files are being dragged over the page, to show the drop target.
 */
import { useEffect, useState } from 'react';
import { t } from '../i18n';

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

export function useImageArrivals(onFile: (file: File) => void, onProblem: (message: string) => void): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0; // dragenter/dragleave fire for every child element crossed
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (files.length === 0) onProblem(t('session.dropEmpty'));
      else onFile(files[0]!);
    };
    const paste = (e: ClipboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest?.('input[type="text"], textarea, [contenteditable="true"]')) return;
      const items = Array.from(e.clipboardData?.items ?? []);
      const item = items.find((i) => i.kind === 'file');
      const file = item?.getAsFile();
      if (!file) {
        if (items.length > 0) onProblem(t('session.clipboardEmpty'));
        return;
      }
      e.preventDefault();
      onFile(file.name ? file : new File([file], 'the pasted image', { type: file.type }));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    window.addEventListener('paste', paste);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
      window.removeEventListener('paste', paste);
    };
  }, [onFile, onProblem]);
  return dragging;
}
