// The bare interpreter (bench/bareInterpreter.ts) is the yardstick of the
// dispatch row: it must run the same loop to the same registers as the CPU
// does, and stop where the ISA traps. Correctness only; no timing here.
import { describe, expect, it } from 'vitest';
import { BareInterpreter, bareDispatchMachine, BareStop } from '../../bench/bareInterpreter.js';
import { encodeI, encodeN, encodeR, Op } from '../../cpu/isa.js';

/** The dispatch loop's xorshift after `iterations`, in JavaScript: x, sum. */
function xorshift(iterations: number): [number, number] {
  let x = 1;
  let sum = 0;
  for (let i = 0; i < iterations; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    sum = (sum + x) | 0;
  }
  return [x, sum];
}

describe('bare interpreter', () => {
  it('runs the dispatch loop: 9 instructions an iteration, the same x and sum as JavaScript', () => {
    const bare = bareDispatchMachine();
    expect(bare.run(9 * 1000)).toBe(BareStop.Budget);
    expect(bare.executed).toBe(9000);
    expect([bare.regs[7], bare.regs[8]]).toEqual(xorshift(1000));
    expect(bare.regs[6]).toBe(0x7fff_ffff - 1000);
  });

  it.each([
    ['a syscall', encodeN(Op.SYSCALL)],
    ['a privileged instruction', encodeN(Op.HALT)],
    ['must-be-zero bits', encodeR(Op.ADD, 1, 2, 3) | 1],
    ['a load past the end of memory', encodeI(Op.LW, 1, 0, -4)],
    ['a divide by zero', encodeR(Op.DIV, 1, 2, 0)],
  ])('stops at %s, with pc at it and nothing done', (_what, word) => {
    const bare = new BareInterpreter(8192);
    bare.words[1024] = encodeI(Op.ADDI, 5, 0, 7) | 0;
    bare.words[1025] = word | 0;
    bare.pc = 4096;
    expect(bare.run(10)).toBe(BareStop.Trap);
    expect([bare.pc, bare.executed, bare.regs[5], bare.regs[1]]).toEqual([4100, 1, 7, 0]);
  });
});
