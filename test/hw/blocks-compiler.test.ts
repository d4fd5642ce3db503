// What the block compiler (cpu/blocks/compiler.ts) puts into one block: the
// words it covers and its longest path, for the shapes it goes on through
// (a branch over a few instructions, a jump) and where it must stop. What
// the code does is the differential tests' and blocks-semantics' to check.
import { describe, expect, test } from 'vitest';
import { compileBlock } from '../../cpu/blocks/compiler.js';
import { encodeB, encodeI, encodeJ, Op } from '../../cpu/isa.js';

const PAGE_VA = 0x1000;
const ADDI = encodeI(Op.ADDI, 1, 1, 1);

/** Two frames of words: frame 0 holds `at` (slot -> word), everything else is addi, a plain instruction. */
function compileAt(slot: number, words: Record<number, number>) {
  const memory = new Int32Array(2048).fill(ADDI);
  for (const [k, w] of Object.entries(words)) memory[Number(k)] = w;
  const b = compileBlock(memory, slot, PAGE_VA + 4 * slot);
  return { length: b.length, lo: b.lo, hi: b.hi };
}

describe('block compiler: how far a block goes', () => {
  test('a branch over two instructions is an if: the block goes on past it to its jalr', () => {
    expect(compileAt(0, { 1: encodeB(Op.BEQ, 2, 0, 2), 5: encodeI(Op.JALR, 0, 15, 0) })).toEqual({ length: 6, lo: 0, hi: 5 });
  });

  test('a branch over more than 16 instructions ends the block', () => {
    expect(compileAt(0, { 1: encodeB(Op.BEQ, 2, 0, 17) })).toEqual({ length: 2, lo: 0, hi: 1 });
  });

  test('a branch over another branch ends the block', () => {
    expect(compileAt(0, { 1: encodeB(Op.BEQ, 2, 0, 2), 2: encodeB(Op.BNE, 2, 0, 5) })).toEqual({ length: 2, lo: 0, hi: 1 });
  });

  test('a branch whose skipped words run past the page ends the block (the next frame is not the next page)', () => {
    expect(compileAt(1018, { 1020: encodeB(Op.BEQ, 2, 0, 8) })).toEqual({ length: 3, lo: 1018, hi: 1020 });
  });

  test("a branch over the page's last words, joining at the next page's first, is an if up to the page's end", () => {
    expect(compileAt(1018, { 1020: encodeB(Op.BEQ, 2, 0, 3) })).toEqual({ length: 6, lo: 1018, hi: 1023 });
  });

  test('a jump goes on at its target, and one back to a word already run ends the block', () => {
    // 0: addi, 1: j 10, 10: addi, 11: j 1 (run already: the end).
    expect(compileAt(0, { 1: encodeJ(Op.JAL, 0, 8), 11: encodeJ(Op.JAL, 0, -11) })).toEqual({ length: 4, lo: 0, hi: 11 });
  });
});
