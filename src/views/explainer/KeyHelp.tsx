/** The keyboard map, shown on the page. */
export function KeyHelp() {
  return (
    <p className="key-help" data-testid="key-help">
      Keys: <kbd>←</kbd> <kbd>→</kbd> stage · <kbd>↑</kbd> <kbd>↓</kbd> layer · <kbd>[</kbd> <kbd>]</kbd> head · click a patch to
      choose the query token
    </p>
  );
}
