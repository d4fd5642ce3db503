// `illusion web` without a browser: bad usage exits 2 with one line; the
// server serves the built site and the named programs on 127.0.0.1 only.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { CLI, illusion } from '../tools/cli.js';
import { ROOT } from '../e2e/harness.js';

test.each([
  [['web', 'no-such.s'], 'illusion: error: cannot read no-such.s: no such file\n'],
  [['web', 'no-such.s', 'gone.s'], 'illusion: error: cannot read no-such.s: no such file\nillusion: error: cannot read gone.s: no such file\n'],
  [['web', '--port', 'eighty'], "illusion: error: --port: expected a whole number from 0 to 65535, got 'eighty'\n"],
  [['web', '--port', '70000'], "illusion: error: --port: expected a whole number from 0 to 65535, got '70000'\n"],
])('illusion %j exits 2 with one line', (args, message) => {
  const r = illusion(args);
  expect([r.status, r.stderr, r.stdout]).toEqual([2, message, '']);
});

test('a program image is refused: the page edits source', () => {
  const dir = mkdtempSync(join(tmpdir(), 'illusion-web-'));
  const image = join(dir, 'hello.img');
  expect(illusion(['asm', 'programs/hello.s', '-o', image]).status).toBe(0);
  const r = illusion(['web', image]);
  expect([r.status, r.stderr]).toEqual([2, `illusion: error: ${image}: a program image; the page edits assembly source, so give it the .s file\n`]);
});

function get(url: string, options: { method?: string; host?: string } = {}): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request({ host: '127.0.0.1', port: u.port, path: u.pathname, method: options.method ?? 'GET', headers: options.host ? { host: options.host } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('serves the site, the named programs (read afresh), and nothing else; SIGTERM stops it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'illusion-web-'));
  const file = join(dir, 'mine.s');
  writeFileSync(file, '_start: li r1, 0\n');
  const child = spawn(process.execPath, [CLI, 'web', file, 'programs/hello.s'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const line = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString())));
  const m = /^illusion web: (http:\/\/127\.0\.0\.1:(\d+)\/) {2}\(open it in a browser; Ctrl-C stops the server\)\n$/.exec(line);
  expect(m).not.toBeNull();
  const url = m![1]!;
  const index = await get(url);
  expect([index.status, index.type]).toEqual([200, 'text/html; charset=utf-8']);
  expect(index.body).toBe(readFileSync(join(ROOT, 'dist', 'web', 'index.html'), 'utf8'));
  // Relative URLs only, so that any static host can serve dist/web/.
  expect([...index.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((x) => x[1])).toEqual(['data:,', 'app.css', 'app.js']);
  expect((await get(`${url}app.js`)).type).toBe('text/javascript; charset=utf-8');
  const hello = readFileSync(join(ROOT, 'programs', 'hello.s'), 'utf8');
  expect(JSON.parse((await get(`${url}files.json`)).body)).toEqual([{ name: 'mine.s', source: '_start: li r1, 0\n' }, { name: 'hello.s', source: hello }]);
  writeFileSync(file, '_start: li r1, 1\n');
  expect(JSON.parse((await get(`${url}files.json`)).body)[0].source).toBe('_start: li r1, 1\n');
  expect((await get(`${url}..%2Fpackage.json`)).status).toBe(404);
  expect((await get(`${url}nothing.js`)).status).toBe(404);
  // A malformed %-escape is the request's fault, not the server's: 400, and it keeps serving.
  const malformed = await get(`${url}%E0%A4%A`);
  expect([malformed.status, malformed.body]).toEqual([400, 'bad request: malformed %-escape in the path\n']);
  expect((await get(`${url}%`)).status).toBe(400);
  expect((await get(url)).status).toBe(200);
  expect((await get(url, { method: 'POST' })).status).toBe(405);
  expect((await get(url, { host: `attacker.example:${m![2]}` })).status).toBe(403);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  expect(await exit).toBe(0);
});
