// A program that reads stdin, run from a terminal with nothing piped in
// (found by dbg23): the machine waits for the input in silence, and a
// student whose program prints no prompt thinks it hung. On a terminal,
// illusion says once on stderr what it waits for. Run under script(1),
// which gives the run a pseudo-terminal and types the input into it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT } from './harness.js';

const CLI = resolve(ROOT, 'dist/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'illusion-stdin-'));

/** Echoes what read(0) returns, after `prompt` (a write of its bytes, if any). */
function reader(name: string, prompt: string): string {
  const path = join(dir, name);
  writeFileSync(path, [
    '        .text',
    '_start: li   r1, 1',
    '        li   r2, 1',
    '        la   r3, prompt',
    `        li   r4, ${prompt.length}`,
    '        syscall',
    '        li   r1, 2           ; read(0, buf, 16)',
    '        li   r2, 0',
    '        la   r3, buf',
    '        li   r4, 16',
    '        syscall',
    '        mv   r4, r1          ; write(1, buf, what was read)',
    '        li   r1, 1',
    '        li   r2, 1',
    '        syscall',
    '        li   r1, 0',
    '        li   r2, 0',
    '        syscall',
    '        .data',
    `prompt: .ascii "${prompt}"`,
    'buf:    .space 16',
    '',
  ].join('\n'));
  return path;
}

/** Runs `illusion run FILE` on a pseudo-terminal; types `hi`, then Ctrl-D, once it has had time to start. */
function onTerminal(file: string): string {
  const typed = 'sleep 1.5; printf "hi\\n"; sleep 0.3; printf "\\004"; sleep 0.5';
  const r = spawnSync('sh', ['-c', `(${typed}) | script -qec "${process.execPath} ${CLI} run ${file}" /dev/null`], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
  return r.stdout.replace(/\r\n/g, '\n');
}

const haveScript = spawnSync('script', ['--version']).status === 0;

test.skipIf(!haveScript)('no prompt: illusion says on stderr that the run waits for typed input', () => {
  expect(onTerminal(reader('silent.s', ''))).toBe(
    'illusion: the program reads its input from this terminal: type it, then Ctrl-D on an empty line (Ctrl-C stops the run)\nhi\nhi\n');
});

test.skipIf(!haveScript)('after a prompt that leaves its line open, nothing is added to it', () => {
  expect(onTerminal(reader('prompt.s', 'name? '))).toBe('name? hi\nhi\n');
});

test('with input piped in, nothing is said', () => {
  const r = spawnSync(process.execPath, [CLI, 'run', reader('piped.s', '')], { cwd: ROOT, input: 'hi\n', encoding: 'utf8' });
  expect([r.status, r.stdout, r.stderr]).toEqual([0, 'hi\n', '']);
});

/** Reads twice (16 bytes asked each time) and writes each read back between brackets. */
function twoReads(name: string): string {
  const path = join(dir, name);
  const once = (n: number) => [
    '        li   r1, 2', '        li   r2, 0', '        la   r3, buf', '        li   r4, 16', '        syscall',
    `        mv   r6, r1`, '        li   r1, 1', '        li   r2, 1', '        la   r3, open', '        li   r4, 1', '        syscall',
    '        li   r1, 1', '        li   r2, 1', '        la   r3, buf', '        mv   r4, r6', '        syscall',
    '        li   r1, 1', '        li   r2, 1', '        la   r3, close', '        li   r4, 2', '        syscall', `; read ${n} done`,
  ];
  writeFileSync(path, ['        .text', '_start:', ...once(1), ...once(2), '        li   r1, 0', '        li   r2, 0', '        syscall',
    '        .data', 'open:   .ascii "["', 'close:  .ascii "]\\n"', 'buf:    .space 16', ''].join('\n'));
  return path;
}

test.skipIf(!haveScript)('from a terminal a read ends at the end of a typed line, so a program can answer each line as it comes', () => {
  const typed = 'sleep 1.5; printf "hi\\n"; sleep 0.6; printf "yo\\n"; sleep 0.6; printf "\\004"; sleep 0.5';
  const r = spawnSync('sh', ['-c', `(${typed}) | script -qec "${process.execPath} ${CLI} run ${twoReads('lines.s')}" /dev/null`], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
  // The terminal echoes each typed line; the program's answer to it comes before the next is typed.
  expect(r.stdout.replace(/\r\n/g, '\n')).toBe('illusion: the program reads its input from this terminal: type it, then Ctrl-D on an empty line (Ctrl-C stops the run)\nhi\n[hi\n]\nyo\n[yo\n]\n');
});

test('from a pipe the same two reads get 16 bytes each, however the input arrives', () => {
  const r = spawnSync(process.execPath, [CLI, 'run', twoReads('lines-piped.s')], { cwd: ROOT, input: 'hi\nyo\nthere, a longer line\n', encoding: 'utf8' });
  expect([r.status, r.stdout, r.stderr]).toEqual([0, '[hi\nyo\nthere, a l]\n[onger line\n]\n', '']);
});
