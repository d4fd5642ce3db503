// Hostile requests to `illusion web` (found by attack23). The server must
// answer every request and stay up. Two request targets crashed it, both in
// cli/webServer.ts handle(): a malformed %-escape (decodeURIComponent threw
// URIError) and an absolute-form target that is no URL, `GET http://[
// HTTP/1.1` (`new URL` threw TypeError: Invalid URL); the throw escaped the
// request handler and ended the process. Both now get 400.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { expect, test } from 'vitest';
import { CLI } from '../tools/cli.js';
import { ROOT } from '../e2e/harness.js';

async function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [CLI, 'web'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const line = await new Promise<string>((resolve) => child.stdout!.once('data', (d: Buffer) => resolve(d.toString())));
  return { child, port: Number(/127\.0\.0\.1:(\d+)\//.exec(line)![1]) };
}

/** Sends one raw request; resolves to the status line of the answer ('' when the connection closed without one). */
function raw(port: number, target: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`));
    let text = '';
    socket.on('data', (d: Buffer) => { text += d.toString(); });
    socket.on('error', () => {});
    socket.on('close', () => resolve(text.split('\r\n')[0] ?? ''));
  });
}

async function stillServing(target: string): Promise<[string, string]> {
  const { child, port } = await startServer();
  try {
    const answer = await raw(port, target);
    await new Promise((r) => setTimeout(r, 300));
    const after = await raw(port, '/');
    return [answer.replace(/ .*$/, '').length > 0 ? answer : '(none)', after];
  } finally {
    child.kill('SIGTERM');
  }
}

test.each([
  ['a malformed %-escape', '/%E0%A4%A'],
  ['an absolute-form target that is no URL', 'http://['],
])('%s gets an answer and the server stays up', async (_name, target) => {
  const [answer, after] = await stillServing(target);
  expect(answer).toBe('HTTP/1.1 400 Bad Request');
  expect(after).toBe('HTTP/1.1 200 OK');
}, 20_000);

test('path tricks, an encoded NUL, a backslash and a dotted name get 404; the server stays up', async () => {
  const { child, port } = await startServer();
  try {
    for (const target of ['/..%2f..%2fetc%2fpasswd', '/index.html%00', '/%5c..%5cpackage.json', '/.hidden', '/files.json/']) {
      expect([target, await raw(port, target)]).toEqual([target, 'HTTP/1.1 404 Not Found']);
    }
    expect(await raw(port, '/')).toBe('HTTP/1.1 200 OK');
  } finally {
    child.kill('SIGTERM');
  }
}, 20_000);
