/**
 * A static server for a build folder on 127.0.0.1, cross-origin isolated like `vite preview`, whose
 * folder can be swapped while it runs: the same origin (and so the same service worker) sees one
 * deployment, then the next.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

export class StaticServer {
  root = '';
  port = 0;
  private server: Server | null = null;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(root: string): Promise<void> {
    this.root = root;
    this.server = createServer((req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
      const file = join(this.root, path.endsWith('/') ? `${path}index.html` : path);
      void stat(file)
        .then((s) => (s.isFile() ? readFile(file) : Promise.reject(new Error('not a file'))))
        .then(
          (body) => {
            res.writeHead(200, {
              'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
              'Cache-Control': 'no-cache',
              'Cross-Origin-Opener-Policy': 'same-origin',
              'Cross-Origin-Embedder-Policy': 'require-corp',
            });
            res.end(body);
          },
          () => {
            res.writeHead(404).end();
          },
        );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }
}
