// The benchmark's build (`npm run bench`): the app and bench.html (with onnxruntime-web for the race)
// into dist-bench/, so that neither the bench page nor its 14 MB of onnxruntime-web wasm is in the
// app's dist/. Same plugins and settings as the app, without the service worker (a bench page
// measures cold opens).
import { defineConfig, mergeConfig, type PluginOption } from 'vite';
import { resolve } from 'node:path';
import app from './vite.config';

const withoutServiceWorker = (plugins: PluginOption[] = []): PluginOption[] =>
  plugins.flat(Infinity as 1).filter((p) => !(p && typeof p === 'object' && 'name' in p && String(p.name).startsWith('vite-plugin-pwa')));

/** the page's registration (src/platform/serviceWorker.ts) finds no worker to register */
const noServiceWorker: PluginOption = {
  name: 'vitlens-bench-no-service-worker',
  resolveId: (id) => (id === 'virtual:pwa-register' ? '\0vitlens-no-pwa' : null),
  load: (id) => (id === '\0vitlens-no-pwa' ? 'export const registerSW = () => async () => {};' : null),
};

export default defineConfig({
  ...mergeConfig(app, {}),
  plugins: [...withoutServiceWorker(app.plugins), noServiceWorker],
  build: {
    ...app.build,
    outDir: 'dist-bench',
    rolldownOptions: {
      ...app.build?.rolldownOptions,
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        bench: resolve(import.meta.dirname, 'bench.html'),
      },
    },
  },
});
