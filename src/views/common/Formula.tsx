import { useMemo } from 'react';
import katex from 'katex';
import 'katex/dist/katex.min.css';

/** A formula typeset by KaTeX (which escapes its input and never runs scripts). */
export function Formula({ tex, display = true }: { tex: string; display?: boolean }) {
  const html = useMemo(
    () => katex.renderToString(tex, { displayMode: display, throwOnError: false, output: 'html' }),
    [tex, display],
  );
  return <span className="formula" dangerouslySetInnerHTML={{ __html: html }} />;
}
