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
import { MAX_SOURCE_CHARS } from '../../asm/include.js';
import { MAX_LISTED_ERRORS } from '../../asm/errors.js';
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

// (attack24 used 50 MB; since attack25 a source over 16 MiB is refused as a whole, below.)
test('a 10 MB .ascii on one line is refused at once through the CLI, not after minutes and an out-of-memory crash', () => {
  const dir = mkdtempSync(join(tmpdir(), 'illusion-asm-bombs-'));
  const file = join(dir, 'bomb.s');
  writeFileSync(file, `${HEAD}s: .ascii "${'A'.repeat(10_000_000)}"\n`);
  const started = Date.now();
  const r = spawnSync(process.execPath, [CLI, 'run', file], { encoding: 'utf8', timeout: 60_000 });
  expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 2, stdout: '', stderr: `${file}:5:${MAX_LINE_CHARS + 1}: ${tooLong(10_000_012)}\n` });
  expect(Date.now() - started).toBeLessThan(20_000);
});

// attack25: a source of many short lines has no line too long, yet each
// label costs the assembler about 1 KB and 25 us (4 million label lines,
// 71 MB: 161 s and 3.4 GB; the 128 MiB a file may hold would pass V8's heap
// limit), and 10,000 includes of such files multiply it. The whole source,
// included files counted every time they are included, is at most
// MAX_SOURCE_CHARS characters.
test('a source over MAX_SOURCE_CHARS characters is refused at its first line, at once', () => {
  const line = 'l: .byte 1\n';
  const big = `${HEAD}${line.repeat(Math.ceil(MAX_SOURCE_CHARS / line.length))}`;
  const r = assemble(big, 'big.s');
  if (r.ok) expect.fail('expected the source limit');
  expect(r.errors.map(formatAsmError)).toEqual([`big.s:1:1: this source is ${big.length} characters long, more than ${MAX_SOURCE_CHARS} (16 MiB): far more than a program (a generated file? make tables with .space and code, or assemble less at once)`]);
  // Exactly the limit assembles.
  const room = MAX_SOURCE_CHARS - HEAD.length;
  const fits = `${HEAD}${`${' '.repeat(1023)}\n`.repeat(Math.floor(room / 1024))}${' '.repeat(room % 1024)}`;
  expect(fits.length).toBe(MAX_SOURCE_CHARS);
  expect(assemble(fits, 'fits.s').ok).toBe(true);
});

test('includes count towards the limit every time they are carried out: the one that crosses it is the error, at its .include line, once', () => {
  const chunk = `${' '.repeat(1023)}\n`.repeat(1024); // 1 MiB of blank lines
  const main = `_start: li r1, 0\n${'.include "chunk.s"\n'.repeat(20)}  li r2, 0\n  syscall\n`;
  let reads = 0;
  const r = assemble(main, 'main.s', { readInclude: () => { reads++; return { ok: true, text: chunk }; } });
  if (r.ok) expect.fail('expected the source limit');
  expect(r.errors.map(formatAsmError)).toEqual([
    `main.s:17:10: including 'chunk.s' (${chunk.length} characters) would make the program's source more than ${MAX_SOURCE_CHARS} characters (16 MiB), included files counted each time: it is not included here, nor any file after it`,
  ]);
  expect(reads).toBe(16);
});

// attack26: a source made of errors. A million lines of `x` (2 MB) took 307 s and then
// ended in `internal error: Maximum call stack size exceeded` (exit 70): each error looked
// for a did-you-mean among the mnemonics, and the errors were appended with push(...all).
test('a million lines of one unknown instruction: the first 10,000 errors and a count of the rest, exit 2, never a stack overflow', () => {
  const dir = mkdtempSync(join(tmpdir(), 'illusion-asm-bombs-'));
  const file = join(dir, 'errors.s');
  writeFileSync(file, 'x\n'.repeat(1_000_000));
  const r = spawnSync(process.execPath, [CLI, 'asm', file, '-o', join(dir, 'e.img')], { encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 30 });
  expect([r.status, r.stdout]).toEqual([2, '']);
  const lines = r.stderr.split('\n');
  expect(lines).toHaveLength(MAX_LISTED_ERRORS + 2);
  expect(lines[0]).toBe(`${file}:1:1: unknown instruction 'x'`);
  expect(lines[9_999]).toBe(`${file}:10000:1: unknown instruction 'x'`);
  expect(lines[10_000]).toBe(`${file}:10001:1: 990000 more errors from here on, not listed (at most 10000 are): fix these first`);
  expect(lines[10_001]).toBe('');
}, 150_000);

// attack26: 'undefined symbol' looked for a did-you-mean among every symbol, so N labels and
// N uses of undefined names cost N^2 edit distances (40,000 of each: minutes).
test('40,000 labels and 40,000 undefined names: the first ones with their hint, bounded work', () => {
  const labels = Array.from({ length: 40_000 }, (_, i) => `lab${i}: .word 0`);
  const uses = Array.from({ length: 40_000 }, (_, i) => `  .word lab${i}x`);
  const r = assemble(`_start: li r1, 0\n  .data\n${labels.join('\n')}\n${uses.join('\n')}\n`, 'u.s');
  if (r.ok) expect.fail('expected errors');
  const text = r.errors.map(formatAsmError);
  expect(text).toHaveLength(MAX_LISTED_ERRORS + 1);
  expect(text[0]).toBe("u.s:40003:9: undefined symbol 'lab0x'; did you mean 'lab0'?");
  expect(text[9_999]).toBe("u.s:50002:9: undefined symbol 'lab9999x'");
  expect(text[10_000]).toBe('u.s:50003:9: 30000 more errors from here on, not listed (at most 10000 are): fix these first');
}, 60_000);
