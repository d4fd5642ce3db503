// The asm and disasm commands, run as a user would: the built CLI in a child process.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { decodeImage } from '../../asm/index.js';

const CLI = 'dist/cli/main.js';

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'illusion-cli-asm-'));

test('asm -o writes an image that disasm lists', () => {
  const src = join(dir, 'good.s');
  const out = join(dir, 'out.img');
  writeFileSync(src, '_start: li r1, 5\nloop: bnez r1, loop\nhalt\n.data\nmsg: .byte 7\n');
  expect(run('asm', src, '-o', out)).toEqual({ status: 0, stdout: '', stderr: '' });
  expect(decodeImage(readFileSync(out), out).ok).toBe(true);
  const listing = run('disasm', out);
  expect(listing.status).toBe(0);
  expect(listing.stdout).toBe([
    `; ${src}: entry 0x00001000`,
    '.text  ; 0x00001000, 12 bytes',
    '0x00001000  11100005  _start:   addi r1, r0, 5',
    '0x00001004  3110ffff  loop:     bne r1, r0, loop',
    '0x00001008  50000000            halt',
    '.data  ; 0x00002000, 1 bytes',
    '0x00002000        07  msg:      .byte 0x07',
    '.bss   ; 0x00002004, 0 bytes, zero-filled',
    '',
  ].join('\n'));
});

test('asm without -o writes FILE.img beside FILE.s; disasm also takes source', () => {
  const src = join(dir, 'plain.s');
  writeFileSync(src, 'halt\n');
  expect(run('asm', src).status).toBe(0);
  expect(existsSync(join(dir, 'plain.img'))).toBe(true);
  expect(run('disasm', src).stdout).toContain('0x00001000  50000000            halt');
});

test('asm on a bad file: every error on stderr, exit 2, nothing written', () => {
  const src = join(dir, 'bad.s');
  const out = join(dir, 'bad.img');
  writeFileSync(src, 'adi r1, r0, 5\nhalt\nlw r1, r2\n');
  const r = run('asm', src, '-o', out);
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe([
    `${src}:1:1: unknown instruction 'adi'; did you mean 'addi'?`,
    `${src}:3:8: 'lw' takes 'rd, imm(rs1)'; operand 2 should be a memory operand like 8(sp); for the word r2 points to write 'lw r1, 0(r2)'`,
    '',
  ].join('\n'));
  expect(existsSync(out)).toBe(false);
});

test('missing files and corrupt images: one clear message, exit 2', () => {
  const missing = join(dir, 'nope.s');
  expect(run('asm', missing)).toEqual({ status: 2, stdout: '', stderr: `illusion: error: cannot read ${missing}: no such file\n` });
  const corrupt = join(dir, 'corrupt.img');
  writeFileSync(corrupt, Uint8Array.from([0x49, 0x4c, 0x4c, 0x55, 9, 0]));
  expect(run('disasm', corrupt)).toEqual({
    status: 2, stdout: '', stderr: `illusion: error: ${corrupt}: image format version 9 is not supported (this illusion reads versions 1 and 2)\n`,
  });
  expect(run('asm').status).toBe(2);
});

test('a file that is neither source nor an image is refused in one line, exit 2 (asm, run, disasm)', () => {
  const binary = join(dir, 'ls-copy');
  // The start of an ELF executable, as /bin/ls begins, then noise.
  writeFileSync(binary, Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...Array.from({ length: 5000 }, (_, i) => (i * 37) & 0xff)]));
  const line = `illusion: error: ${binary}: not assembly source or an illusion image (binary data: a zero byte at offset 7)\n`;
  for (const cmd of ['asm', 'run', 'disasm']) expect(run(cmd, binary)).toEqual({ status: 2, stdout: '', stderr: line });
  const latin1 = join(dir, 'latin1.s');
  writeFileSync(latin1, Uint8Array.from([0x6e, 0x6f, 0x70, 0x0a, 0xe9, 0x0a]));
  // A text file in another encoding is not binary: where its first such byte is, and what to do.
  for (const cmd of ['asm', 'run']) {
    expect(run(cmd, latin1)).toEqual({
      status: 2, stdout: '',
      stderr: `illusion: error: ${latin1}:2:1: not UTF-8 text: byte 0xe9 (a file saved as Latin-1 or Windows-1252?); save it as UTF-8\n`,
    });
  }
});

test('an included file that is binary or missing is an error at its .include line', () => {
  const main = join(dir, 'inc-main.s');
  writeFileSync(join(dir, 'blob.s'), Uint8Array.from([1, 0, 2]));
  writeFileSync(join(dir, 'latin.s'), Uint8Array.from([0x6e, 0x6f, 0x70, 0x20, 0x3b, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a]));
  writeFileSync(main, 'nop\n  .include "blob.s"\n.include "gone.s"\n.include "latin.s"\n');
  expect(run('asm', main)).toEqual({
    status: 2, stdout: '', stderr: [
      `${main}:2:12: cannot include '${join(dir, 'blob.s')}': not assembly source or an illusion image (binary data: a zero byte at offset 1)`,
      `${main}:3:10: cannot include '${join(dir, 'gone.s')}': no such file`,
      `${main}:4:10: cannot include '${join(dir, 'latin.s')}' (line 1, column 10): not UTF-8 text: byte 0xe9 (a file saved as Latin-1 or Windows-1252?); save it as UTF-8`,
      '',
    ].join('\n'),
  });
});

test('run names the included file of an error; disasm of an including program works', () => {
  const lib = join(dir, 'lib');
  mkdirSync(lib, { recursive: true });
  writeFileSync(join(lib, 'util.s'), '.text\nhelper: li r1, 0\n  addi r2, r0\n  ret\n');
  writeFileSync(join(dir, 'uses.s'), '_start: call helper\n.include "lib/util.s"\n');
  expect(run('run', join(dir, 'uses.s'))).toEqual({
    status: 2, stdout: '', stderr: `${join(lib, 'util.s')}:3:3: 'addi' takes 'rd, rs1, imm'; found 2 operands\n`,
  });
});

test('a source path with control characters: asm records it escaped, and run and disasm load the image', () => {
  // Before, asm wrote the newline into the image as it was, and run then
  // refused its own image: "the source name holds control character U+000A".
  const sub = mkdtempSync(join(tmpdir(), 'illusion-cli-ctl-'));
  const src = join(sub, 'a\nb.s');
  writeFileSync(src, '_start: li r1, 0\n        lw r1, 0(r1)\n');
  expect(run('asm', src)).toEqual({ status: 0, stdout: '', stderr: '' });
  const img = join(sub, 'a\nb.img');
  const decoded = decodeImage(readFileSync(img), img);
  expect(decoded.ok && [decoded.image.sourceName, [...new Set(decoded.image.lines.map((l) => l.file))]])
    .toEqual([join(sub, 'a\\nb.s'), [join(sub, 'a\\nb.s')]]);
  const ran = run('run', img);
  expect([ran.status, ran.stdout]).toEqual([139, '']);
  expect(ran.stderr).toBe(`pid 1 (a\\nb.img) killed: bad_access: load from 0x00000000 in the null page (below 0x00001000): was the pointer null? (null_page); pc 0x00001004, a\\nb.s:2\n`);
  expect(run('disasm', img).stdout.split('\n')[0]).toBe(`; ${join(sub, 'a\\nb.s')}: entry 0x00001000`);
  // Run straight from the source names it the same way, on one line.
  expect(run('run', src).stderr).toBe(`pid 1 (a\\nb.s) killed: bad_access: load from 0x00000000 in the null page (below 0x00001000): was the pointer null? (null_page); pc 0x00001004, a\\nb.s:2\n`);
});

test('an assembler error in a file whose name holds an escape sequence is one line, the name escaped', () => {
  const sub = mkdtempSync(join(tmpdir(), 'illusion-cli-ctl-'));
  const src = join(sub, 'c\x1bd.s');
  writeFileSync(src, 'x: lw r1, 0(r9\n');
  expect(run('asm', src)).toEqual({ status: 2, stdout: '', stderr: `${join(sub, 'c\\u001bd.s')}:1:15: unexpected end of the line; expected ')'\n` });
});

test('a missing lib/print.s, run from another folder, names the shipped copy by a path that works there', () => {
  // Before, the hint said 'programs/lib/print.s', which only works from illusion's own folder.
  const sub = mkdtempSync(join(tmpdir(), 'illusion-cli-inc-'));
  writeFileSync(join(sub, 'hello.s'), '_start: la r2, msg\n        call puts\n        li r1, 0\n        li r2, 0\n        syscall\n' +
    '        .data\nmsg:    .asciz "hi\\n"\n        .include "lib/print.s"\n');
  const cli = join(process.cwd(), CLI);
  const inSub = (): ReturnType<typeof spawnSync> => spawnSync(process.execPath, [cli, 'run', 'hello.s'], { cwd: sub, encoding: 'utf8' });
  const shipped = join(process.cwd(), 'programs', 'lib', 'print.s');
  const missed = inSub();
  expect([missed.status, missed.stderr]).toEqual([2, "hello.s:2:14: undefined symbol 'puts' (perhaps defined in 'lib/print.s', which was not included: line 8)\n" +
    `hello.s:8:18: cannot include 'lib/print.s': no such file (the path is relative to the including file's folder; illusion's own print library is ${shipped}: copy it to lib/print.s (where this .include looks), or write .include "${shipped}")\n`]);
  // What the hint says to write works from there.
  writeFileSync(join(sub, 'hello.s'), readFileSync(join(sub, 'hello.s'), 'utf8').replace('"lib/print.s"', `"${shipped}"`));
  const ran = inSub();
  expect([ran.status, ran.stdout, ran.stderr]).toEqual([0, 'hi\n', '']);
});
