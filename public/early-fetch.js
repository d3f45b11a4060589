// The page's first script (index.html, async, before the app's): when the address opens the default
// model (no ?model=), it asks for the model's weights at once, as a preload, so their download starts
// beside the app's scripts instead of after them: on a slow network the weights are most of the first
// view's wait. The app's own fetch() of the same address (src/app/modelSources.ts) is then answered by
// the preloaded response. A plain file in public/ (not bundled): Vite would merge a second module
// script of index.html into the app's entry, which is what it must not wait for.
(function () {
  if (new URLSearchParams(location.search).has('model')) return;
  var link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  // what fetch() sends by default for a same-origin address, so the preload is used, not fetched twice
  link.crossOrigin = 'anonymous';
  link.href = new URL('models/default/model.safetensors', document.currentScript.src).href;
  document.head.appendChild(link);
})();
