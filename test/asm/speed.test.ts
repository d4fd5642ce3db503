// What the fast assembler (issue 18) must not change: the image of a large
// program, the errors of a line that repeats (a repeated line is parsed once,
// asm/lineCache.ts), and a `.space` of any size costing nothing in the image.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ohm from 'ohm-js';
import { expect, test } from 'vitest';
import { assemble, decodeImage, encodeImage } from '../../asm/index.js';
import { bigProgram } from '../../bench/bigProgram.js';
import { errorsOf } from './helpers.js';

test('every rule of grammar.ohm is lexical, which the compiled line matcher needs (asm/lineMatcher.ts refuses a syntactic rule)', () => {
  const grammar = ohm.grammar(readFileSync('asm/grammar.ohm', 'utf8'));
  const rules = Object.keys(grammar.rules);
  expect(rules.length).toBeGreaterThan(10);
  expect(rules.filter((name) => name[0] === name[0]!.toUpperCase())).toEqual([]);
});

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

test('the generated 10,000-line program gives, byte for byte, the image the assembler made before issue 18', () => {
  const source = bigProgram(10_000);
  expect(source.split('\n').length).toBe(10_000);
  // The generator itself is pinned, so that a change to it is not taken for a change of the assembler.
  expect(sha256(source)).toBe('bc9536f91aaee12ecdbc97c195f49f1f9b0bec9c858bb4aecb0a4722ed0abac9');
  const r = assemble(source, 'big.s');
  if (!r.ok) expect.fail(r.errors[0]!.message);
  // Computed with the assembler of commit d335e1d (before this work): `illusion asm big.s` in its directory.
  expect(sha256(encodeImage(r.image))).toBe('58aa71ab94cfb8a75ada71c327e0df8e74dc00bb466c0bdca362b96ed7765149');
});

test('a line that repeats is reported at each of its own lines and columns', () => {
  const src = ['        j    nowhere', 'x:      nop', '        j    nowhere', '', '        j    nowhere ; again'].join('\n');
  expect(errorsOf(src)).toEqual([
    "t.s:1:14: undefined symbol 'nowhere'",
    "t.s:3:14: undefined symbol 'nowhere'",
    "t.s:5:14: undefined symbol 'nowhere'",
  ]);
});

test('a repeated line with a syntax or token error is reported every time', () => {
  const src = ['li r1, 08x', 'li r1, 08x', 'add r1,, r2', 'add r1,, r2'].join('\n');
  expect(errorsOf(src)).toEqual([
    "t.s:1:8: bad number '08x': write decimal (42), hex (0x2a) or binary (0b101010)",
    "t.s:2:8: bad number '08x': write decimal (42), hex (0x2a) or binary (0b101010)",
    "t.s:3:8: unexpected ','; expected an operand: a register, a number, a label, a character like 'a', a string or a memory operand like 8(sp)",
    "t.s:4:8: unexpected ','; expected an operand: a register, a number, a label, a character like 'a', a string or a memory operand like 8(sp)",
  ]);
});

test('repeated lines keep their own line numbers in the image line table', () => {
  const r = assemble('_start: nop\n        nop\n        nop\n', 'rep.s');
  if (!r.ok) expect.fail(r.errors[0]!.message);
  expect(r.image.lines).toEqual([
    { address: 0x1000, file: 'rep.s', line: 1 },
    { address: 0x1004, file: 'rep.s', line: 2 },
    { address: 0x1008, file: 'rep.s', line: 3 },
  ]);
});

const dir = mkdtempSync(join(tmpdir(), 'illusion-asm-space-'));

function asmFile(name: string, source: string): { status: number | null; stderr: string; bytes: Uint8Array } {
  const src = join(dir, `${name}.s`);
  const out = join(dir, `${name}.img`);
  writeFileSync(src, source);
  const r = spawnSync(process.execPath, ['dist/cli/main.js', 'asm', src, '-o', out], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr, bytes: r.status === 0 ? readFileSync(out) : new Uint8Array() };
}

test('a 100,000,000-byte .space in .bss costs nothing in the image: the same size as a 4-byte one', () => {
  const small = asmFile('bss4', '_start: halt\n.bss\nbuf: .space 4\n');
  const big = asmFile('bss100m', '_start: halt\n.bss\nbuf: .space 100000000\n');
  expect(big.status).toBe(0);
  expect(big.stderr).toBe('');
  // Only the source name differs in length between the two, and an image holds it twice:
  // as its own name and in the line table's list of files.
  expect(big.bytes.length - small.bytes.length).toBe(2 * ('bss100m'.length - 'bss4'.length));
  const d = decodeImage(big.bytes, 'bss100m.img');
  if (!d.ok) expect.fail(d.message);
  expect(d.image.bssSize).toBe(100_000_000);
});

test('the largest .space .data can hold is stored as one zero run', () => {
  // 64 MiB is the cap on a stored section (asm/layout.ts); the word after the space is stored.
  const big = asmFile('data64m', `_start: halt\n.data\nbuf: .space ${64 * 1024 * 1024 - 4}\nend: .word 7\n`);
  expect(big.status).toBe(0);
  expect(big.bytes.length).toBeLessThan(300);
  expect(statSync(join(dir, 'data64m.img')).size).toBe(big.bytes.length);
  const d = decodeImage(big.bytes, 'data64m.img');
  if (!d.ok) expect.fail(d.message);
  expect(d.image.data.length).toBe(64 * 1024 * 1024);
  expect(Array.from(d.image.data.subarray(64 * 1024 * 1024 - 8))).toEqual([0, 0, 0, 0, 7, 0, 0, 0]);
});
