/**
 * A stand-in for the Hugging Face Hub on 127.0.0.1, serving generated checkpoints in the Hub's URL
 * layout: `/{id}/resolve/{revision}/{file}` (with Range requests, ETag and the Hub's X-Error-Code
 * on 404s), `/api/models/{id}/discussions` (for the safetensors conversion bot's pull requests),
 * CORS headers, gated repositories that need a token, and faults to inject: a connection reset, a
 * body cut off half way, a repository served without CORS headers. A second TestHub can stand in
 * for the Hub's CDN on another origin (`cdnOf`): a repository with `redirect` answers its file
 * requests with a 302 there, as the Hub sends downloads to its CDN, and the CDN logs what it got.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'reset' | 'cut-half' | 'stall';

export interface HubRepo {
  /** revision → path → bytes */
  revisions: Record<string, Record<string, Uint8Array | string>>;
  discussions?: { num: number; title: string; status: string; isPullRequest: boolean; author: { name: string } }[];
  /** when set, every file needs `Authorization: Bearer <token>` */
  token?: string;
  /** serve this repository without CORS headers, as a server that does not allow the page */
  noCors?: boolean;
  /** sizes the server claims for files (in Content-Range), to test the large-download question */
  claimedSizes?: Record<string, number>;
  /**
   * send every file request (after the token check) to the CDN hub with a 302; 'cloudfront' also
   * marks the CDN's answers `X-Cache: Hit from cloudfront`, which makes @huggingface/hub request
   * the CDN's address itself afterwards (with the token, unless the page strips it)
   */
  redirect?: 'plain' | 'cloudfront';
}

export interface LoggedRequest {
  method: string;
  path: string;
  range: string | null;
  auth: string | null;
}

export class TestHub {
  readonly repos = new Map<string, HubRepo>();
  readonly log: LoggedRequest[] = [];
  /**
   * `${id}/${file}` → a fault for full (non-probe) downloads of that file. 'reset' lasts until
   * deleted (browsers retry a reset once by themselves); 'cut-half' and 'stall' are used once.
   */
  readonly faults = new Map<string, Fault>();
  private stalled = new Set<ServerResponse>();
  /** delay every body chunk of a full download, so progress can be seen */
  slowBodyMs = 0;
  private server: Server | null = null;
  port = 0;
  /** the CDN hub this one redirects to (see HubRepo.redirect) */
  cdn: TestHub | null = null;
  /** for a CDN hub: the hub whose files it serves, under /cdn/{id}/{revision}/{file} */
  private origin: TestHub | null = null;

  /** A second server, on its own random port, acting as this hub's CDN. */
  static cdnOf(hub: TestHub): TestHub {
    const cdn = new TestHub();
    cdn.origin = hub;
    hub.cdn = cdn;
    return cdn;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  requestsFor(id: string): LoggedRequest[] {
    return this.log.filter((r) => r.path.startsWith(`/${id}/`) || r.path.startsWith(`/api/models/${id}/`));
  }

  private cors(res: ServerResponse, repo: HubRepo | undefined) {
    if (repo?.noCors) return;
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'Range, Authorization, Accept, Content-Type');
    res.setHeader(
      'Access-Control-Expose-Headers',
      'Content-Range, Content-Length, ETag, X-Error-Code, X-Linked-Size, X-Linked-ETag, X-Request-Id, X-Cache',
    );
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  }

  private fail(res: ServerResponse, status: number, code: string, message: string) {
    res.writeHead(status, { 'Content-Type': 'application/json', 'X-Error-Code': code });
    res.end(JSON.stringify({ error: message }));
  }

  private handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    this.log.push({
      method: req.method ?? 'GET',
      path,
      range: req.headers.range ?? null,
      auth: req.headers.authorization ?? null,
    });
    const discussion = /^\/api\/models\/(.+)\/discussions$/.exec(path);
    const resolve = this.origin
      ? /^\/cdn\/([^/]+\/[^/]+)\/(.+?)\/([^/]+)$/.exec(url.pathname)
      : /^\/([^/]+\/[^/]+)\/resolve\/(.+?)\/([^/]+)$/.exec(url.pathname);
    const id = discussion?.[1] ?? (resolve ? decodeURIComponent(resolve[1]!) : undefined);
    const repo = id ? (this.origin ?? this).repos.get(id) : undefined;
    this.cors(res, repo);
    if (this.origin && repo?.redirect === 'cloudfront') res.setHeader('X-Cache', 'Hit from cloudfront');
    if (req.method === 'OPTIONS') {
      res.writeHead(204);
      res.end();
      return;
    }
    if (discussion) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ discussions: repo?.discussions ?? [], count: repo?.discussions?.length ?? 0, start: 0 }));
      return;
    }
    if (!resolve || !repo) {
      this.fail(res, 401, 'RepoNotFound', 'Repository not found');
      return;
    }
    // the CDN's addresses are signed: it asks for no token (and must never be sent one)
    if (!this.origin && repo.token && req.headers.authorization !== `Bearer ${repo.token}`) {
      this.fail(res, 401, 'GatedRepo', `Access to model ${id} is restricted. You must have access to it and be authenticated.`);
      return;
    }
    if (!this.origin && repo.redirect && this.cdn) {
      res.writeHead(302, { Location: `${this.cdn.url}/cdn/${id}/${resolve[2]}/${resolve[3]}` });
      res.end();
      return;
    }
    const revision = decodeURIComponent(resolve[2]!);
    const file = decodeURIComponent(resolve[3]!);
    const files = repo.revisions[revision];
    if (!files) {
      this.fail(res, 404, 'RevisionNotFound', `Invalid rev id: ${revision}`);
      return;
    }
    const content = files[file];
    if (content === undefined) {
      this.fail(res, 404, 'EntryNotFound', `${file} does not exist on "${revision}"`);
      return;
    }
    const body = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content);
    const etag = `"${id}-${revision}-${file}-${body.length}"`;
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (range) {
      const start = Number(range[1]);
      const end = Math.min(range[2] ? Number(range[2]) : body.length - 1, body.length - 1);
      res.writeHead(206, {
        'Content-Type': 'application/octet-stream',
        'Content-Range': `bytes ${start}-${end}/${repo.claimedSizes?.[file] ?? body.length}`,
        'Content-Length': String(Math.max(0, end - start + 1)),
        ETag: etag,
        'Accept-Ranges': 'bytes',
      });
      res.end(body.subarray(start, end + 1));
      return;
    }
    const key = `${id}/${file}`;
    const fault = this.faults.get(key);
    if (fault !== 'reset') this.faults.delete(key);
    if (fault === 'reset') {
      req.socket.destroy();
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(body.length),
      ETag: etag,
      'Accept-Ranges': 'bytes',
    });
    void this.send(res, body, fault);
  }

  private async send(res: ServerResponse, body: Buffer, fault: Fault | undefined) {
    const chunk = 16 * 1024;
    const stopAt = fault === 'cut-half' || fault === 'stall' ? Math.floor(body.length / 2) : body.length;
    for (let at = 0; at < stopAt; at += chunk) {
      if (res.destroyed) return;
      // wait for each chunk to reach the socket, so a cut-off really delivers the first half
      await new Promise<void>((resolve) => res.write(body.subarray(at, Math.min(at + chunk, stopAt)), () => resolve()));
      if (this.slowBodyMs > 0) await new Promise((r) => setTimeout(r, this.slowBodyMs));
    }
    if (fault === 'cut-half') res.socket?.destroy();
    else if (fault === 'stall') this.stalled.add(res);
    else res.end();
  }

  /** Drops every connection held by a 'stall' fault, as a network that goes away. */
  cutStalled(): void {
    for (const res of this.stalled) res.socket?.destroy();
    this.stalled.clear();
  }
}
