// The cycle model (SPEC section 8), the hardware's part: one cycle per
// instruction, walkCycles per page-table memory reference; TLB hits cost
// nothing extra. The software's part (fault_cycles per page fault, swap
// transfers) is the kernel's to charge through chargeCycles: a page fault
// costs the CPU only its walk (the kernel's charge: test/e2e, the trace).
import { describe, expect, it } from 'vitest';
import { DEFAULT_CYCLE_COSTS } from '../../cpu/cpu.js';
import { encodeB, encodeI, encodeS, Op } from '../../cpu/isa.js';
import { TrapCause } from '../../cpu/trap.js';
import { makePte, PTE_R, PTE_V } from '../../mmu/pte.js';
import { HwFixture, RW } from './fixture.js';
import { CODE_BASE, DATA_BASE, SYSCALL } from './helpers.js';

describe('cycle model', () => {
  it('defaults: 20 cycles per walk reference', () => {
    expect(DEFAULT_CYCLE_COSTS).toEqual({ walkCycles: 20 });
  });

  it('one instruction after a full walk: 1 + 2 * walkCycles', () => {
    const hw = new HwFixture();
    hw.loadCode(CODE_BASE, [SYSCALL]);
    expect(hw.machine.cpu.run(10)?.cause).toBe(TrapCause.Syscall);
    expect(hw.machine.mmu.walkRefs).toBe(2);
    expect(hw.machine.cpu.cycles()).toBe(1 + 2 * 20);
  });

  it('TLB hits are free: a 100-iteration loop costs instructions + one walk', () => {
    const hw = new HwFixture();
    hw.loadCode(CODE_BASE, [
      encodeI(Op.ADDI, 1, 0, 100),
      encodeI(Op.ADDI, 1, 1, -1),
      encodeB(Op.BNE, 1, 0, -2),
      SYSCALL,
    ]);
    expect(hw.machine.cpu.run(10_000)?.cause).toBe(TrapCause.Syscall);
    expect(hw.machine.cpu.instret).toBe(1 + 200 + 1);
    expect(hw.machine.cpu.cycles()).toBe(202 + 40);
  });

  it('a fault whose root entry is invalid: 1 reference, no instruction', () => {
    const hw = new HwFixture();
    hw.loadCode(CODE_BASE, [encodeI(Op.LW, 1, 2, 0), SYSCALL]);
    const cpu = hw.machine.cpu;
    cpu.regs[2] = 0x0040_0000; // root index 1: never set up
    const trap = cpu.run(10);
    expect(trap?.cause).toBe(TrapCause.PageFault);
    expect(hw.machine.mmu.walkRefs).toBe(2 + 1);
    expect(cpu.pageFaults).toBe(1);
    expect(cpu.cycles()).toBe(0 + 3 * 20);
  });

  it('a malformed root entry also stops after 1 reference', () => {
    const hw = new HwFixture();
    hw.loadCode(CODE_BASE, [encodeI(Op.LW, 1, 2, 0), SYSCALL]);
    hw.machine.memory.writeWord(4, makePte(5, PTE_V | PTE_R)); // root index 1 with rights
    hw.machine.cpu.regs[2] = 0x0040_0000;
    expect(hw.machine.cpu.run(10)?.cause).toBe(TrapCause.PageFault);
    expect(hw.machine.mmu.walkRefs).toBe(3);
  });

  it('a fault on a missing leaf: 2 references; the retry walks again', () => {
    const hw = new HwFixture();
    hw.loadCode(CODE_BASE, [encodeS(Op.SW, 0, 2, 0), SYSCALL]);
    const cpu = hw.machine.cpu;
    cpu.regs[2] = DATA_BASE;
    expect(cpu.run(10)?.cause).toBe(TrapCause.PageFault);
    expect(cpu.cycles()).toBe(0 + 4 * 20);
    hw.map(DATA_BASE >>> 12, RW);
    expect(cpu.run(10)?.cause).toBe(TrapCause.Syscall);
    expect(cpu.cycles()).toBe(2 + 6 * 20);
  });

  it('misaligned, illegal and divide-by-zero traps cost nothing extra', () => {
    const hw = new HwFixture();
    hw.loadCode(CODE_BASE, [encodeI(Op.LW, 1, 2, 1)]);
    expect(hw.machine.cpu.run(10)?.cause).toBe(TrapCause.Misaligned);
    expect(hw.machine.cpu.cycles()).toBe(40);
  });

  it('chargeCycles adds to the counter (and rdcycle sees it)', () => {
    const hw = new HwFixture();
    hw.loadCode(CODE_BASE, [encodeI(Op.RDCYCLE, 1, 0, 0), SYSCALL]);
    const cpu = hw.machine.cpu;
    cpu.chargeCycles(100_000);
    cpu.chargeCycles(5);
    expect(cpu.cycles()).toBe(100_005);
    expect(cpu.run(10)?.cause).toBe(TrapCause.Syscall);
    expect(cpu.regs[1]).toBe(100_005 + 40);
    expect(cpu.cycles()).toBe(100_005 + 40 + 2);
  });

  it('custom costs', () => {
    const hw = new HwFixture({ costs: { walkCycles: 7 } });
    hw.loadCode(CODE_BASE, [encodeI(Op.LW, 1, 2, 0), encodeS(Op.SW, 1, 2, 4), SYSCALL]);
    const cpu = hw.machine.cpu;
    cpu.regs[2] = DATA_BASE;
    expect(cpu.run(10)?.cause).toBe(TrapCause.PageFault);
    hw.map(DATA_BASE >>> 12, RW);
    expect(cpu.run(10)?.cause).toBe(TrapCause.Syscall);
    // Walks: fetch 2, failed load 2, load 2, D walk for the store 2 = 8 refs; 3 instructions.
    expect(hw.machine.mmu.walkRefs).toBe(8);
    expect(cpu.cycles()).toBe(3 + 8 * 7);
  });

  it('the cycle counter wraps in rdcycle to the low 32 bits', () => {
    const hw = new HwFixture();
    hw.loadCode(CODE_BASE, [encodeI(Op.RDCYCLE, 1, 0, 0), SYSCALL]);
    hw.machine.cpu.chargeCycles(2 ** 32 - 40 + 3);
    expect(hw.machine.cpu.run(10)?.cause).toBe(TrapCause.Syscall);
    expect(hw.machine.cpu.regs[1]).toBe(3);
  });
});
