import type { Plugin } from 'vite';
import { minify } from 'rolldown/utils';

/**
 * The chunk that holds tfjs-backend-wasm's threaded factory. tfjs starts its threads from that
 * function's source text (`wasmFactoryThreadedSimd.toString()` becomes the worker's script), so
 * the chunk must stay as written: a minifier that renames, hoists or shares helpers across it
 * leaves the workers a script that does not run. Checked by e2e/lightOffline.spec.ts (a production
 * build must start wasm with its threads).
 */
export const KEEP_SOURCE_CHUNK = 'tfjs-wasm-threaded-factory';
export const KEEP_SOURCE_MODULE = /tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm-threaded-simd\.js$/;

/**
 * Minifies every JavaScript chunk (oxc, the minifier Vite 8 uses) except the one named
 * KEEP_SOURCE_CHUNK. Vite's own `build.minify` applies to all chunks alike, so it stays off and
 * this does the work. `VITLENS_MINIFY_ALL=1` minifies that chunk too (to see the check fail).
 * File names are hashed before this runs, from the unminified chunk: the same name still means the
 * same code (the minifier is deterministic), which is what the service worker's cache relies on.
 */
export function minifyChunks(): Plugin {
  return {
    name: 'vitlens-minify-chunks',
    apply: 'build',
    // in generateBundle, after every renderChunk: Vite's own (the target transform) prints the chunk anew
    async generateBundle(options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || (chunk.name === KEEP_SOURCE_CHUNK && !process.env.VITLENS_MINIFY_ALL)) continue;
        const result = await minify(chunk.fileName, chunk.code, { module: options.format === 'es', compress: { target: 'es2022' }, mangle: true, sourcemap: false });
        if (result.errors.length) this.error(`minifying ${chunk.fileName}: ${result.errors.map((e) => e.message).join('; ')}`);
        chunk.code = result.code;
      }
    },
  };
}
