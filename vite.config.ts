import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

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

/** The dev server's hot reload needs an inline script, so index.html's CSP meta applies to builds only. */
const cspInBuildOnly: Plugin = {
  name: 'vitlens-csp-build-only',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, ''),
};

export default defineConfig({
  plugins: [react(), tfjsWasmWorkerPool(), cspInBuildOnly],
  server: { headers: isolation },
  preview: { headers: isolation },
  build: {
    target: 'es2022',
    // tfjs-backend-wasm starts its threads from the source text of its own factory function
    // (Function.prototype.toString); minifying that function breaks the workers.
    minify: false,
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        bench: resolve(import.meta.dirname, 'bench.html'),
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
