// Starts `vite preview` of the build on a port and waits until bench.html answers; returns a stop function.
import { spawn } from 'node:child_process';

export async function startPreview(port) {
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    stdio: 'ignore',
  });
  const stop = () => server.kill();
  process.on('exit', stop);
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/bench.html`)).ok) break;
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
