// programs/lib/print.s buffers a line until its "\n": text without one is
// written only by `flush` (docs/assembly.md). A student who prints a number
// and exits saw nothing at all before flush existed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { assemble } from '../../asm/index.js';
import { ROOT, run } from './harness.js';

const PRINT = readFileSync(join(ROOT, 'programs', 'lib', 'print.s'), 'utf8');

/** `body` between _start and exit(0), with print.s included after it; pid 1's stdout. */
function stdoutOf(body: string): string {
  const text = `        .text\n_start:\n${body}\n        li r1, 0\n        li r2, 0\n        syscall\n` +
    `        .data\nab:     .asciz "a\\nb"\n        .text\n        .include "lib/print.s"\n`;
  const result = assemble(text, 'main.s', { readInclude: (name) => (name === 'lib/print.s' ? { ok: true, text: PRINT } : { ok: false, message: 'no such file' }) });
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}:${e.column}: ${e.message}`).join('\n'));
  const { result: ran } = run([{ name: 'main.s', image: result.image }]);
  expect(ran.processes[0]!.code).toBe(0);
  return ran.processes[0]!.stdout;
}

test('a number printed without a newline is lost at exit unless flushed', () => {
  expect(stdoutOf('        li r2, 12\n        call putnum')).toBe('');
  expect(stdoutOf('        li r2, 12\n        call putnum\n        call flush')).toBe('12');
});

test('flush sends only what is waiting: a finished line is not sent twice, an empty buffer writes nothing', () => {
  expect(stdoutOf('        la r2, ab\n        call puts\n        call flush')).toBe('a\nb');
  expect(stdoutOf('        la r2, ab\n        call puts\n        call flush\n        call flush')).toBe('a\nb');
  expect(stdoutOf('        call flush')).toBe('');
});

test('after a flush the buffer starts empty: the next line is written whole, once', () => {
  expect(stdoutOf('        li r2, 7\n        call putnum\n        call flush\n        la r2, ab\n        call puts\n        call flush')).toBe('7a\nb');
});

test('a word table in .bss after the include starts aligned: sw and lw into it work', () => {
  // print.s ends in .bss; its buffers total 95 bytes, so without a closing
  // `.align 4` the includer's `table` sat at an odd address and the sw was
  // killed as a misaligned store.
  const text = '        .text\n_start:\n        la r3, table\n        li r4, 42\n        sw r4, 36(r3)\n' +
    '        lw r2, 36(r3)\n        call putnum\n        call flush\n        li r1, 0\n        li r2, 0\n        syscall\n' +
    '        .include "lib/print.s"\ntable:  .space 40\n';
  const result = assemble(text, 'main.s', { readInclude: (name) => (name === 'lib/print.s' ? { ok: true, text: PRINT } : { ok: false, message: 'no such file' }) });
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}:${e.column}: ${e.message}`).join('\n'));
  const { result: ran, killLines } = run([{ name: 'main.s', image: result.image }]);
  expect(killLines).toEqual([]);
  expect(ran.processes[0]!.code).toBe(0);
  expect(ran.processes[0]!.stdout).toBe('42');
});
