// The page's theme before its first paint (index.html, a plain blocking script of a few lines: the
// CSP forbids inline scripts): ?theme=dark|light, else the choice remembered by the page's toggle,
// else the system's prefers-color-scheme. The same rules as src/platform/displaySettings.ts, which
// takes over once the app runs.
(function () {
  var theme = new URLSearchParams(location.search).get('theme');
  if (theme !== 'dark' && theme !== 'light') {
    try {
      theme = localStorage.getItem('vitlens.theme');
    } catch (e) {
      theme = null;
    }
  }
  if (theme !== 'dark' && theme !== 'light') theme = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
})();
