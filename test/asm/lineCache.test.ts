// A line that repeats shares the tree of its first occurrence (asm/lineCache.ts):
// only the line number differs, the trees below it are the same objects, and
// nothing that reads them (layout, twice for a program with .bss; pass 2)
// changes them.
import { expect, test } from 'vitest';
import { layOut } from '../../asm/layout.js';
import { parseLine, parseSource } from '../../asm/parse.js';
import { errorsOf } from './helpers.js';

const REPEATED = '  sw r1, 4(sp)';
const SOURCE = ['_start: li r1, 7', REPEATED, 'x: .word 1', REPEATED, '.bss', 'buf: .space 4', '.text', REPEATED, 'halt'].join('\n');

test('a repeated line gets its own line number and shares the first tree', () => {
  const lines = parseSource(SOURCE);
  const [a, b, c] = [lines[1]!.ast, lines[3]!.ast, lines[7]!.ast];
  expect([a.line, b.line, c.line]).toEqual([2, 4, 8]);
  expect(b.statement).toBe(a.statement);
  expect(c.statement).toBe(a.statement);
  expect(a.statement).toEqual({
    kind: 'instruction', name: 'sw', column: 3, length: 2,
    operands: [
      { kind: 'sym', name: 'r1', column: 6, length: 2 },
      { kind: 'mem', offset: { kind: 'num', value: 4, column: 10, length: 1 }, base: 'sp', baseColumn: 12, baseLength: 2, column: 10, length: 5 },
    ],
  });
});

test('laying the program out twice (it has .bss) leaves the shared tree as a fresh parse gives it', () => {
  const lines = parseSource(SOURCE);
  const asts = lines.map((l) => l.ast);
  const first = layOut(asts, [], 0);
  const checks = new Map();
  layOut(asts, [], 0x3000, undefined, checks);
  layOut(asts, [], 0x3000, undefined, checks);
  const fresh = parseLine(REPEATED, 99).ast.statement;
  for (const i of [1, 3, 7]) expect(asts[i]!.statement).toEqual(fresh);
  // Each placed statement knows its own line, though the statement is shared.
  expect(first.items.filter((it) => it.stmt === asts[1]!.statement).map((it) => it.line)).toEqual([2, 4, 8]);
});

test('an error in a shared statement is reported at each line that has it', () => {
  const src = ['_start: nop', '  lw r1, 4(r99)', '  nop', '  lw r1, 4(r99)', '  li r2, nowhere', '  li r2, nowhere'].join('\n');
  expect(errorsOf(src)).toEqual([
    't.s:2:12: r99 is not a register; registers are r0..r15, zero, fp, sp, ra',
    't.s:4:12: r99 is not a register; registers are r0..r15, zero, fp, sp, ra',
    "t.s:5:10: undefined symbol 'nowhere'",
    "t.s:6:10: undefined symbol 'nowhere'",
  ]);
});
