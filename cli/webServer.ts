// The static server behind `illusion web`: Node's own http module, on
// 127.0.0.1 only. It serves the built site (dist/web/) and, at files.json,
// the programs named on the command line, read afresh on every request so
// that a reload picks up an edit made in another editor. Nothing is
// emulated here: the page runs the machine itself.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { basename, extname, join } from 'node:path';
import { readProgramBytes } from '../asm/index.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface WebServerOptions {
  readonly siteDir: string;
  /** Paths of the programs the page opens with. */
  readonly files: readonly string[];
  readonly port: number;
}

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/** The programs as the page loads them: name (base name) and source text. */
export function programFiles(files: readonly string[]): { name: string; source: string }[] {
  // Capped: a file without end (/dev/zero) must fail the request, not take the host's memory.
  return files.map((f) => ({ name: basename(f), source: new TextDecoder().decode(readProgramBytes(f)) }));
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

function handle(options: WebServerOptions, port: () => number, req: IncomingMessage, res: ServerResponse): void {
  // Only this machine's own names: a page elsewhere cannot reach the server through DNS rebinding.
  const host = req.headers.host ?? '';
  if (host !== `127.0.0.1:${port()}` && host !== `localhost:${port()}`) return send(res, 403, 'text/plain', 'forbidden host\n');
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'only GET\n');
  let path: string;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
  } catch {
    // decodeURIComponent throws on a stray or truncated escape; uncaught, it would end the server.
    return send(res, 400, 'text/plain', 'bad request: malformed %-escape in the path\n');
  }
  if (path === '/files.json') {
    try {
      return send(res, 200, TYPES['.json']!, JSON.stringify(programFiles(options.files)));
    } catch (err) {
      return send(res, 500, 'text/plain', `cannot read the programs: ${(err as Error).message}\n`);
    }
  }
  // The site is one flat folder: anything with a slash past the first is not ours.
  const name = path === '/' ? 'index.html' : path.slice(1);
  if (name.includes('/') || name.includes('\\') || name.startsWith('.')) return send(res, 404, 'text/plain', 'not found\n');
  let body: Buffer;
  try {
    body = readFileSync(join(options.siteDir, name));
  } catch {
    return send(res, 404, 'text/plain', 'not found\n');
  }
  send(res, 200, TYPES[extname(name)] ?? 'application/octet-stream', body);
}

/** Starts serving; resolves once listening (port 0: a free port the system picks). */
export function startWebServer(options: WebServerOptions): Promise<RunningServer> {
  let bound = options.port;
  const server = createServer((req, res) => handle(options, () => bound, req, res));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      const address = server.address();
      bound = typeof address === 'object' && address !== null ? address.port : options.port;
      resolve({
        url: `http://127.0.0.1:${bound}/`,
        close: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
}
