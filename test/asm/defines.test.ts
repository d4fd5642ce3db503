// Constants set from outside the source (-D NAME=VALUE): the program's .equ
// is the default a define replaces; a name the program uses without defining
// is filled in; a label cannot be set; unused defines are reported.
import { expect, test } from 'vitest';
import { assemble, formatAsmError, parseDefine } from '../../asm/index.js';
import { hex, wordsOf } from './helpers.js';

function withDefines(source: string, defines: Record<string, number>) {
  return assemble(source, 't.s', { defines: new Map(Object.entries(defines)) });
}

function textOf(source: string, defines: Record<string, number>): string[] {
  const r = withDefines(source, defines);
  if (!r.ok) expect.fail(r.errors.map(formatAsmError).join('\n'));
  return wordsOf(r.image.text).map(hex);
}

const PROGRAM = '.equ PAGES, 16\n.equ BYTES, PAGES + PAGES\nli r1, PAGES\nli r2, BYTES\nhalt\n';

test('a define replaces the .equ of its name, and constants made from it follow', () => {
  expect(textOf(PROGRAM, {})).toEqual(textOf('li r1, 16\nli r2, 32\nhalt\n', {}));
  expect(textOf(PROGRAM, { PAGES: 100 })).toEqual(textOf('li r1, 100\nli r2, 200\nhalt\n', {}));
});

test('a define that makes li need two words lays the program out again: labels after it move', () => {
  const source = '.equ N, 1\n_start: li r1, N\nend: j end\n';
  const small = withDefines(source, {});
  const big = withDefines(source, { N: 0x12345678 });
  if (!small.ok || !big.ok) expect.fail('both assemble');
  expect(small.image.symbols.find((s) => s.name === 'end')?.value).toBe(0x1004);
  expect(big.image.symbols.find((s) => s.name === 'end')?.value).toBe(0x1008);
  expect(wordsOf(big.image.text).length).toBe(3);
});

test('the image records the value it was built with', () => {
  const r = withDefines(PROGRAM, { PAGES: 7 });
  if (!r.ok) expect.fail('assembles');
  expect(r.image.symbols.filter((s) => s.section === 'abs').map((s) => [s.name, s.value])).toEqual([['PAGES', 7], ['BYTES', 14]]);
});

test('a name the program uses but never defines is filled in; without the define it is an undefined symbol', () => {
  expect(textOf('li r1, SIZE\nhalt\n', { SIZE: 5 })).toEqual(textOf('li r1, 5\nhalt\n', {}));
  const r = assemble('li r1, SIZE\nhalt\n', 't.s');
  expect(r.ok ? [] : r.errors.map(formatAsmError)).toEqual(["t.s:1:8: undefined symbol 'SIZE'"]);
});

test('a define of a label is an error at the label', () => {
  const r = withDefines('loop: j loop\n', { loop: 3 });
  expect(r.ok ? [] : r.errors.map(formatAsmError)).toEqual(["t.s:1:1: 'loop' is a label here; -D loop=3 can set only an .equ constant (or a name the program uses without defining)"]);
});

test('defines the program neither defines nor uses are reported, in the order given', () => {
  const r = withDefines(PROGRAM, { PAEGS: 1, PAGES: 2, EXTRA: 3 });
  expect(r.ok && r.unusedDefines).toEqual(['PAEGS', 'EXTRA']);
  expect(assemble(PROGRAM, 't.s').ok && assemble(PROGRAM, 't.s')).toMatchObject({ unusedDefines: [] });
});

test('a name used only in a memory offset or negated counts as used', () => {
  expect(textOf('lw r1, OFF(sp)\nli r2, -K\nhalt\n', { OFF: 8, K: 3 })).toEqual(textOf('lw r1, 8(sp)\nli r2, -3\nhalt\n', {}));
});

test('parseDefine reads NAME=VALUE as the assembler reads numbers, and says what is wrong', () => {
  expect(parseDefine('PAGES=64')).toEqual({ name: 'PAGES', value: 64 });
  expect(parseDefine(' N = 0x1_000 ')).toEqual({ name: 'N', value: 4096 });
  expect(parseDefine('M=-1')).toEqual({ name: 'M', value: -1 });
  expect(parseDefine('B=0b101')).toEqual({ name: 'B', value: 5 });
  expect(parseDefine('TOP=0xffffffff')).toEqual({ name: 'TOP', value: 0xffffffff });
  expect(parseDefine('PAGES')).toBe("expected NAME=VALUE, like PAGES=64, got 'PAGES'");
  expect(parseDefine('2X=1')).toBe("'2X' is not a name the assembler takes (a letter or _, then letters, digits, _ . $)");
  expect(parseDefine('sp=1')).toBe("'sp' is a register name, not a constant");
  expect(parseDefine('N=12abc')).toBe("N: expected a whole number (like 64, -1 or 0x1000), got '12abc'");
  expect(parseDefine('N=')).toBe("N: expected a whole number (like 64, -1 or 0x1000), got ''");
  expect(parseDefine('N=0x100000000')).toBe('N: 0x100000000 does not fit in 32 bits');
  expect(parseDefine('N=-0x80000001')).toBe('N: -0x80000001 does not fit in 32 bits');
});
