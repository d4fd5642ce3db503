// The guests' output and the debugger's own text on one screen: a guest
// line left without its newline is ended before the debugger speaks, so
// that neither runs into the other.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { illusion } from './cli.js';
import { transcript } from './debugSession.js';

test('a stop after output without a newline starts on a line of its own', () => {
  expect(transcript(['test/tools/programs/partial.s'], ['c', 'c'])).toEqual([
    'illusion debug: pid 1 (partial.s). Type help for the commands.',
    'pid 1 (partial.s) at 0x00001000  addi r1, r0, 1  ; 4: _start: li   r1, 1',
    '(illusion) c',
    'Answer:',
    'pid 1 is about to be killed (inspect it now; continue lets it die):',
    '  pid 1 (partial.s) killed: bad_access: store to 0x00000000 in the null page (below 0x00001000): was the pointer null? (null_page); pc 0x0000101c, partial.s:10',
    'pid 1 (partial.s) at 0x0000101c  sw r3, 0(r3)  ; 10: sw   r3, 0(r3)',
    '(illusion) c',
    'pid 1 (partial.s) killed: bad_access: store to 0x00000000 in the null page (below 0x00001000): was the pointer null? (null_page); pc 0x0000101c, partial.s:10',
    'every process has ended:',
    '  pid 1 (partial.s) killed: bad_access',
  ]);
});

test('step by step over the write: the location line after it is not glued to the output', () => {
  expect(transcript(['test/tools/programs/partial.s'], ['step 6']).slice(2)).toEqual([
    '(illusion) step 6',
    'Answer:',
    'write returned 7',
    'pid 1 (partial.s) at 0x00001018  addi r3, r0, 0  ; 9: li   r3, 0',
  ]);
});

test('info stats after the end is the table run --stats prints: the debugger runs the same machine, stops and all', () => {
  for (const [file, commands] of [['programs/forkwait.s', ['c', 'info stats']], ['test/tools/programs/smash.s', ['c', 'bt', 'c', 'info stats']]] as const) {
    const run = illusion(['run', file, '--stats']);
    const lines = transcript([file], [...commands]);
    const at = lines.indexOf('(illusion) info stats');
    expect(`${lines.slice(at + 1).join('\n')}\n`).toBe(run.stderr.slice(run.stderr.indexOf('statistics')));
    expect(run.stderr.slice(run.stderr.indexOf('statistics')).split('\n')[1]).toMatch(/^instructions +[\d,]+$/);
  }
});

// Found by student25: under the debugger a program that reads its input got 0 at once, and nothing said why.
test('a read that finds no input because no --input was given says once where the input comes from; with --input nothing is said', () => {
  expect(transcript(['programs/echo.s'], ['break-trap syscall', 'c', 'c']).slice(2)).toEqual([
    '(illusion) break-trap syscall',
    'breakpoint 1 on trap syscall',
    '(illusion) c',
    "(pid 1's read found no input: the debugger reads its own commands from stdin, so the programs' input is empty unless --input FILE gives one)",
    'trap syscall in pid 1 (read returned 0)',
    'pid 1 (echo.s) at 0x00001018  beq r1, r0, done  ; 22: beqz r1, done           ; 0: end of input',
    '(illusion) c',
    'every process has ended:',
    '  pid 1 (echo.s) exited with code 0',
  ]);
  expect(transcript(['programs/echo.s'], ['c'], ['--input', 'test/tools/programs/readover.in']).slice(2)).not.toContain(expect.stringContaining('found no input'));
});

// Before, a step over a failing system call showed only the next line: r1's 0xffffffea was the student's to decode.
test('a step that runs a system call says what it returned, an error with its name and when the call returns it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'illusion-step-syscall-'));
  const src = join(dir, 'unmap.s');
  writeFileSync(src, '_start: li r1, 9\n        li r2, 0x3000\n        li r3, 4096\n        syscall\n        li r1, 0\n        syscall\n');
  expect(transcript([src], ['step 4', 'step']).slice(2)).toEqual([
    '(illusion) step 4',
    "munmap returned -22, EINVAL (addr not page-aligned, len 0, or a page of the range not mmap'd)",
    `pid 1 (unmap.s) at 0x00001010  addi r1, r0, 0  ; 5: li r1, 0`,
    '(illusion) step',
    'pid 1 (unmap.s) at 0x00001014  syscall  ; 6: syscall',
  ]);
});
