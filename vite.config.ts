import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { minifyChunks, KEEP_SOURCE_CHUNK, KEEP_SOURCE_MODULE } from './scripts/build/minifyChunks';
import { buildName, offline } from './scripts/build/offline';

// Cross-origin isolation lets the wasm backend use threads (SharedArrayBuffer).
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * tfjs-backend-wasm's threaded build starts a pool of 8 workers, each loading the wasm module,
 * before the backend is ready, whatever thread count it then uses. With ViT Lens's kernels tfjs
 * keeps one thread, and on a 2-core machine those 8 workers cost ~120 ms of page open. This makes
 * the pool size a global that src/platform/backend.ts sets before the backend starts (8 when unset).
 * Production build only (the dev server pre-bundles dependencies without plugins: 8 workers there).
 */
function tfjsWasmWorkerPool(): Plugin {
  const original = 'var pthreadPoolSize=8;';
  return {
    name: 'vitlens-tfjs-wasm-worker-pool',
    transform(code, id) {
      if (!id.includes('tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js')) return null;
      if (!code.includes(original)) this.error(`tfjs-backend-wasm changed: "${original}" not found; update vite.config.ts`);
      return { code: code.replace(original, 'var pthreadPoolSize=globalThis.__vitlensWasmWorkerPool??8;'), map: null };
    },
  };
}

/**
 * tfjs-backend-wasm imports both its factories, the threaded one and the plain one (no threads, for a
 * page that is not cross-origin isolated), and calls one. ViT Lens's pages are isolated, so the
 * plain factory (26 kB minified) is never called on the first view: this makes its import a
 * dynamic one, made where tfjs calls it (init() already waits on the factory's promise).
 */
function tfjsWasmLazyPlainFactory(): Plugin {
  const replacements: [string, string][] = [
    ["import * as wasmFactory_import from '../wasm-out/tfjs-backend-wasm.js';", ''],
    ['const wasmFactory = (wasmFactory_import.default || wasmFactory_import);', ''],
    [
      'wasm = wasmFactory(factoryConfig);',
      "wasm = import('../wasm-out/tfjs-backend-wasm.js').then((m) => (m.default || m)(factoryConfig));",
    ],
  ];
  return {
    name: 'vitlens-tfjs-wasm-lazy-plain-factory',
    apply: 'build',
    transform(code, id) {
      if (!/tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/.test(id)) return null;
      for (const [from, to] of replacements) {
        if (!code.includes(from)) this.error(`tfjs-backend-wasm changed: "${from}" not found; update vite.config.ts`);
        code = code.replace(from, to);
      }
      return { code, map: null };
    },
  };
}

/** The dev server's hot reload needs an inline script, so index.html's CSP meta applies to builds only. */
const cspInBuildOnly: Plugin = {
  name: 'vitlens-csp-build-only',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, ''),
};

/** Lazily loaded libraries' chunks by the library's name (Rolldown would call them "dist" or "browser"). */
const LAZY_LIBRARIES: [RegExp, string][] = [
  [/@huggingface[\\/]hub[\\/]/, 'hub-client'],
  [/@tensorflow[\\/]tfjs-backend-cpu[\\/]dist[\\/]index\.js$/, 'tfjs-backend-cpu'],
  [/@tensorflow[\\/]tfjs-backend-webgl[\\/]dist[\\/]index\.js$/, 'tfjs-backend-webgl'],
  [/@tensorflow[\\/]tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm\.js$/, 'tfjs-wasm-plain-factory'],
];
function lazyChunkName(chunk: { name: string; facadeModuleId: string | null }): string {
  const library = LAZY_LIBRARIES.find(([test]) => chunk.facadeModuleId && test.test(chunk.facadeModuleId));
  return `assets/${library ? library[1] : '[name]'}-[hash].js`;
}

export default defineConfig({
  plugins: [react(), tfjsWasmWorkerPool(), tfjsWasmLazyPlainFactory(), minifyChunks(), offline(), cspInBuildOnly],
  define: { __VITLENS_BUILD__: JSON.stringify(buildName()) },
  server: { headers: isolation },
  preview: { headers: isolation },
  // the engine runs in a worker (src/worker/): its tfjs-wasm needs the same patches as the page had
  worker: {
    format: 'es',
    plugins: () => [tfjsWasmWorkerPool(), tfjsWasmLazyPlainFactory(), minifyChunks()],
    // the threaded factory in its own chunk, left unminified: its threads start from its source text
    rolldownOptions: {
      output: {
        codeSplitting: { groups: [{ name: KEEP_SOURCE_CHUNK, test: KEEP_SOURCE_MODULE, priority: 10 }] },
        chunkFileNames: lazyChunkName,
      },
    },
  },
  build: {
    target: 'es2022',
    // Vite's minifier is off because it minifies every chunk alike: minifyChunks() minifies all but
    // tfjs-backend-wasm's threaded factory, whose source text its threads start from.
    minify: false,
    cssMinify: true,
    // The app only: the bench page (and onnxruntime-web) build with vite.bench.config.ts
    rolldownOptions: {
      input: { main: resolve(import.meta.dirname, 'index.html') },
      output: {
        codeSplitting: { groups: [{ name: KEEP_SOURCE_CHUNK, test: KEEP_SOURCE_MODULE, priority: 10 }] },
        chunkFileNames: lazyChunkName,
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Node 20's V8 has WebAssembly relaxed SIMD behind a flag (browsers ship it): the kernel tests run both variants
    execArgv: ['--experimental-wasm-relaxed-simd'],
  },
});
