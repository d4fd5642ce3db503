import { describe, expect, it } from 'vitest';
import { HwFixture, RW } from './fixture.js';
import { encodeI, encodeR, encodeB, encodeS, encodeN, Op } from '../../cpu/isa.js';
import { TrapCause } from '../../cpu/trap.js';

describe('smoke', () => {
  it('runs a counting loop and a store', () => {
    const hw = new HwFixture();
    hw.map(0x10, RW);
    hw.loadCode(0x1000, [
      encodeI(Op.ADDI, 1, 0, 100),     // r1 = 100
      encodeI(Op.ADDI, 2, 2, 3),       // loop: r2 += 3
      encodeI(Op.ADDI, 1, 1, -1),      // r1--
      encodeB(Op.BNE, 1, 0, -3),       // bne r1, r0, loop
      encodeI(Op.LUI, 3, 0, 1),        // r3 = 0x10000
      encodeS(Op.SW, 2, 3, 4),         // sw r2, 4(r3)
      encodeR(Op.ADD, 4, 2, 2),
      encodeN(Op.SYSCALL),
    ]);
    const trap = hw.machine.cpu.run(1_000_000);
    expect(trap?.cause).toBe(TrapCause.Syscall);
    expect(hw.machine.cpu.regs[2]).toBe(300);
    expect(hw.machine.cpu.regs[4]).toBe(600);
    expect(hw.peekWord(0x10004)).toBe(300);
    expect(hw.machine.cpu.instret).toBe(1 + 300 + 4);
  });
});
