// Starts `vite preview` of a build on a port and waits until it answers; returns a stop function.
// The bench pages are not in the app's build (dist/): `npm run bench` builds them with
// vite.bench.config.ts into dist-bench/, which is what this serves unless told otherwise.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BENCH_CONFIG = 'vite.bench.config.ts';

/** `options.outDir`: serve that folder (with the app's config) instead of the bench build. */
export async function startPreview(port, options = {}) {
  const where = options.outDir ? ['--outDir', options.outDir] : ['-c', BENCH_CONFIG];
  const probe = options.outDir ? '/' : '/bench.html';
  // vite itself, not through npx: killing npx would leave its vite child serving
  const vite = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));
  const server = spawn(process.execPath, [vite, 'preview', ...where, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    stdio: 'ignore',
  });
  const stop = () => server.kill();
  process.on('exit', stop);
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}${probe}`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return stop;
}

/** --key=value arguments as an object (a bare --flag is 'true'). */
export function parseArgs(argv) {
  return Object.fromEntries(
    argv
      .slice(2)
      .map((a) => a.replace(/^--/, '').split('='))
      .map(([k, v]) => [k, v ?? 'true']),
  );
}
