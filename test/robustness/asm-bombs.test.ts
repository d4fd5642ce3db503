// Assembler bombs for the host's memory and time (attack24): one source line
// holding a 50 MB string or a .word list of 5 million items made the host
// run out of memory (V8's heap limit, signal 6) after a minute or two,
// where the same data over many lines assembles in about a second. A line
// is now at most MAX_LINE_CHARS characters: a longer one is an error at its
// file:line:column, and costs nothing to find.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { assemble, formatAsmError } from '../../asm/index.js';
import { MAX_LINE_CHARS } from '../../asm/parse.js';
import { CLI } from '../tools/cli.js';

const HEAD = '_start: li r1, 0\n  li r2, 0\n  syscall\n  .data\n';
const tooLong = (n: number) => `this line is ${n} characters long, more than ${MAX_LINE_CHARS}: split a long string or list over several lines (each .ascii, .byte or .word goes on where the one before it ended)`;

test('a line of MAX_LINE_CHARS characters assembles; one more is an error at its line, the rest still checked', () => {
  const fits = `s: .ascii "${'A'.repeat(MAX_LINE_CHARS - 12)}"`;
  expect(fits.length).toBe(MAX_LINE_CHARS);
  const ok = assemble(`${HEAD}${fits}\n`, 'a.s');
  if (!ok.ok) expect.fail(ok.errors.map(formatAsmError).join('\n'));
  expect(ok.image.data.length).toBe(MAX_LINE_CHARS - 12);
  const list = `w: .word ${'1,'.repeat((MAX_LINE_CHARS - 8) / 2)}1`;
  const bad = assemble(`${HEAD}${list}\n  frob\n  la r2, w\n`, 'b.s');
  if (bad.ok) expect.fail('expected the line limit');
  // The label of the long line is kept (no 'undefined symbol w'); the next line's own error is still said.
  expect(bad.errors.map(formatAsmError)).toEqual([`b.s:5:${MAX_LINE_CHARS + 1}: ${tooLong(list.length)}`, expect.stringMatching(/^b\.s:6:3: unknown instruction 'frob'/)]);
});

test('a 50 MB .ascii on one line is refused at once through the CLI, not after minutes and an out-of-memory crash', () => {
  const dir = mkdtempSync(join(tmpdir(), 'illusion-asm-bombs-'));
  const file = join(dir, 'bomb.s');
  writeFileSync(file, `${HEAD}s: .ascii "${'A'.repeat(50_000_000)}"\n`);
  const started = Date.now();
  const r = spawnSync(process.execPath, [CLI, 'run', file], { encoding: 'utf8', timeout: 60_000 });
  expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 2, stdout: '', stderr: `${file}:5:${MAX_LINE_CHARS + 1}: ${tooLong(50_000_012)}\n` });
  expect(Date.now() - started).toBeLessThan(20_000);
});
