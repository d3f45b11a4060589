import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';

type Katex = typeof import('katex').default;

/**
 * KaTeX (~360 kB of script, its stylesheet and fonts) is not in the page's first script: it starts
 * loading as soon as this module is evaluated, beside the model and kernels, and formulas show their
 * TeX source until it has arrived (a fraction of a second).
 */
let katex: Katex | null = null;
const katexReady: Promise<Katex> = Promise.all([import('katex'), import('./katex.css')]).then(
  ([m]) => (katex = m.default),
);

/** A formula typeset by KaTeX (which escapes its input and never runs scripts). */
export function Formula({ tex, display = true }: { tex: string; display?: boolean }) {
  const [loaded, setLoaded] = useState(katex);
  useEffect(() => {
    if (!loaded) void katexReady.then(setLoaded, () => undefined);
  }, [loaded]);
  const html = useMemo(
    () => (loaded ? loaded.renderToString(tex, { displayMode: display, throwOnError: false, output: 'html' }) : null),
    [loaded, tex, display],
  );
  // a formula wider than a phone scrolls inside itself; then it takes the keyboard's focus, so it can be scrolled without a mouse
  const ref = useRef<HTMLSpanElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setScrolls(el.scrollWidth > el.clientWidth + 1));
    observer.observe(el);
    return () => observer.disconnect();
  }, [html]);
  if (html === null) return <code className="formula formula-loading">{tex}</code>;
  return (
    <span
      ref={ref}
      className="formula"
      tabIndex={scrolls ? 0 : undefined}
      aria-label={scrolls ? tex : undefined}
      role={scrolls ? 'group' : undefined}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
