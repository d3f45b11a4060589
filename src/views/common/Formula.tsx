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

/**
 * Typeset formulas by display mode and TeX: a stage's formulas are typeset again each time it is
 * shown, and KaTeX took most of a stage switch's time (tens of ms on a busy 2-core machine).
 * Oldest first out past MAX_TYPESET (formulas with live numbers in them would otherwise pile up).
 */
const typeset = new Map<string, string>();
const MAX_TYPESET = 256;

export function typesetFormula(k: Katex, tex: string, display: boolean): string {
  const key = `${display ? 'display' : 'inline'}:${tex}`;
  let html = typeset.get(key);
  if (html === undefined) {
    html = k.renderToString(tex, { displayMode: display, throwOnError: false, output: 'html' });
    if (typeset.size >= MAX_TYPESET) typeset.delete(typeset.keys().next().value!);
    typeset.set(key, html);
  }
  return html;
}

/**
 * Typesets formulas ahead of their first showing, one per idle moment once KaTeX is in, so that a
 * stage shown later costs only its HTML. Returns a function that stops what is left.
 */
export function prepareFormulas(texs: string[], display = true): () => void {
  let stopped = false;
  const whenIdle = (run: () => void) =>
    typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: 2000 }) : setTimeout(run, 50);
  void katexReady.then(
    (k) => {
      const queue = [...texs];
      const step = () => {
        const tex = queue.shift();
        if (stopped || tex === undefined) return;
        typesetFormula(k, tex, display);
        whenIdle(step);
      };
      whenIdle(step);
    },
    () => undefined,
  );
  return () => {
    stopped = true;
  };
}

/** A formula typeset by KaTeX (which escapes its input and never runs scripts). */
export function Formula({ tex, display = true }: { tex: string; display?: boolean }) {
  const [loaded, setLoaded] = useState(katex);
  useEffect(() => {
    if (!loaded) void katexReady.then(setLoaded, () => undefined);
  }, [loaded]);
  const html = useMemo(() => (loaded ? typesetFormula(loaded, tex, display) : null), [loaded, tex, display]);
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
