import { execSync } from 'node:child_process';
import type { PluginOption } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The page offline after its first visit, and installable: a Workbox service worker (sw.js, made
 * by vite-plugin-pwa's generateSW at build time) precaches the whole app (every chunk, the wasm
 * kernels, the default and seed-toy models, the gallery, KaTeX's woff2 fonts) and answers every
 * navigation with the cached index.html, headers (cross-origin isolation) and all. A new build's
 * service worker waits until the page says "a new version is ready" and the user reloads
 * (registerType 'prompt'), so a page never runs a mix of old and new files. The worker is
 * registered by the app's own script (src/platform/serviceWorker.ts), never an inline one, so
 * a Content-Security-Policy of script-src 'self' holds.
 */
export function offline(): PluginOption {
  return VitePWA({
    registerType: 'prompt',
    injectRegister: false,
    strategies: 'generateSW',
    includeAssets: [],
    // the icons are in globPatterns already (a URL listed twice makes Workbox refuse the whole worker)
    includeManifestIcons: false,
    manifest: {
      name: 'ViT Lens — watch a Vision Transformer think',
      short_name: 'ViT Lens',
      description: 'Step through a Vision Transformer layer by layer and head by head, in your browser: nothing is uploaded.',
      start_url: '.',
      scope: '.',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#3b5bdb',
      icons: [
        { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icons/icon-512-maskable.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
      ],
    },
    workbox: {
      // KaTeX's .woff and .ttf are fallbacks for browsers without woff2: not precached
      globPatterns: ['**/*.{js,css,html,wasm,woff2,svg,png,jpg,webp,json,safetensors}'],
      maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      navigateFallback: 'index.html',
      // hashed file names need no revision query (Vite's 8-character hashes)
      dontCacheBustURLsMatching: /-[\w-]{8}\.\w+$/,
      cleanupOutdatedCaches: true,
      // one script: with Workbox's runtime in a second file (loaded through an AMD shim) an error in
      // the precache list was swallowed, and the worker ran with no install or fetch handler at all
      inlineWorkboxRuntime: true,
      // the page's own address options (?model=, ?backend=, ?hub=) must not miss the cached page
      ignoreURLParametersMatching: [/.*/],
    },
  });
}

/** Names this build on the page (footer): VITLENS_BUILD, else the git commit, else "dev". */
export function buildName(): string {
  if (process.env.VITLENS_BUILD) return process.env.VITLENS_BUILD;
  try {
    return execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return 'dev';
  }
}
