// Precise traps: an instruction that traps commits nothing (registers, memory,
// page-table A/D bits, pc, instret all exactly as before it), and once the
// "kernel" repairs the cause, running again re-executes it successfully.
import { describe, expect, it } from 'vitest';
import { encodeI, encodeN, encodeR, encodeS, Op } from '../../cpu/isa.js';
import { Access, FaultKind, Trap, TrapCause } from '../../cpu/trap.js';
import { makePte, PTE_A, PTE_D } from '../../mmu/pte.js';
import { HwFixture, RO, RW, RX } from './fixture.js';
import { CODE_BASE, DATA_BASE, diff, snapshot, SYSCALL } from './helpers.js';

const DATA_VPN = DATA_BASE >>> 12;

function pageFault(pc: number, access: Access, address: number, fault: FaultKind): Trap {
  return { cause: TrapCause.PageFault, pc, access, address, fault };
}

function trapAt(cause: TrapCause, pc: number, access = Access.Fetch, address = 0): Trap {
  return { cause, pc, access, address, fault: FaultKind.None };
}

/**
 * Loads `program`, sets registers, runs `before` instructions one at a time
 * (budget 1 each), snapshots, then runs to the trap; asserts the trap and
 * that nothing changed. Returns the fixture for the repair step.
 */
function expectPrecise(
  program: readonly number[],
  regs: Readonly<Record<number, number>>,
  setup: (hw: HwFixture) => void,
  before: number,
  expected: Trap,
): HwFixture {
  const hw = new HwFixture();
  const cpu = hw.machine.cpu;
  hw.loadCode(CODE_BASE, program);
  // The trapping instruction's own fetch did happen and sets A on the code
  // page; start with A set so that the snapshot compares only what matters.
  hw.setPte(CODE_BASE >>> 12, hw.pte(CODE_BASE >>> 12) | PTE_A);
  for (const [r, v] of Object.entries(regs)) cpu.regs[Number(r)] = v;
  setup(hw);
  for (let i = 0; i < before; i++) expect(cpu.run(1)).toBeNull();
  const snap = snapshot(hw);
  expect(cpu.run(100)).toEqual(expected);
  expect(diff(snap, snapshot(hw))).toBe('');
  return hw;
}

describe('page faults are precise and restartable', () => {
  it('fetch, not present: map the page, run again', () => {
    const hw = expectPrecise([encodeI(Op.JALR, 15, 1, 0)], { 1: 0x5000 }, () => {}, 1,
      pageFault(0x5000, Access.Fetch, 0x5000, FaultKind.NotPresent));
    expect(hw.machine.cpu.regs[15]).toBe(CODE_BASE + 4); // the jalr before it did complete
    hw.map(5, RX);
    hw.poke(0x5000, [encodeI(Op.ADDI, 3, 0, 9), SYSCALL]);
    expect(hw.machine.cpu.run(100)).toEqual(trapAt(TrapCause.Syscall, 0x5004));
    expect(hw.machine.cpu.regs[3]).toBe(9);
  });

  it('fetch, protection (RW page, no X): make it RX, invalidate, run again', () => {
    const hw = expectPrecise([encodeI(Op.JALR, 15, 1, 0)], { 1: 0x5000 }, (hw) => {
      hw.map(5, RW);
      hw.poke(0x5000, [SYSCALL]);
    }, 1, pageFault(0x5000, Access.Fetch, 0x5000, FaultKind.Protection));
    hw.setPte(5, (hw.pte(5) & ~0xfff) | RX);
    hw.machine.tlb.invalidatePage(5, 0);
    expect(hw.machine.cpu.run(100)).toEqual(trapAt(TrapCause.Syscall, 0x5000));
  });

  it('load, not present: r3 unchanged; after mapping, the load completes', () => {
    const hw = expectPrecise([
      encodeI(Op.ADDI, 2, 0, 1),
      encodeI(Op.LW, 3, 1, 8),
      encodeI(Op.ADDI, 2, 2, 1),
      SYSCALL,
    ], { 1: DATA_BASE, 3: 0x3333 }, () => {}, 1, pageFault(CODE_BASE + 4, Access.Load, DATA_BASE + 8, FaultKind.NotPresent));
    expect(hw.machine.cpu.regs[3]).toBe(0x3333);
    hw.map(DATA_VPN, RW);
    hw.poke(DATA_BASE + 8, [0xabcd]);
    expect(hw.machine.cpu.run(100)).toEqual(trapAt(TrapCause.Syscall, CODE_BASE + 12));
    expect([hw.machine.cpu.regs[2], hw.machine.cpu.regs[3]]).toEqual([2, 0xabcd]);
    expect(hw.machine.cpu.instret).toBe(4);
  });

  it('load, protection (a supervisor page, U=0): r3 unchanged; after granting U, it completes', () => {
    const hw = expectPrecise([encodeI(Op.LB, 3, 1, 1), SYSCALL], { 1: DATA_BASE, 3: -5 }, (hw) => {
      hw.map(DATA_VPN, RW & ~0x10);
      hw.poke(DATA_BASE, [0x0000_ff00]);
    }, 0, pageFault(CODE_BASE, Access.Load, DATA_BASE + 1, FaultKind.Protection));
    hw.setPte(DATA_VPN, hw.pte(DATA_VPN) | 0x10);
    hw.machine.tlb.invalidatePage(DATA_VPN, 0);
    expect(hw.machine.cpu.run(100)?.cause).toBe(TrapCause.Syscall);
    expect(hw.machine.cpu.regs[3]).toBe(-1);
  });

  it('store, not present: nothing written; after mapping, the store lands', () => {
    const hw = expectPrecise([encodeS(Op.SW, 2, 1, 4), SYSCALL], { 1: DATA_BASE, 2: 0x1234 }, () => {}, 0,
      pageFault(CODE_BASE, Access.Store, DATA_BASE + 4, FaultKind.NotPresent));
    hw.map(DATA_VPN, RW);
    expect(hw.machine.cpu.run(100)?.cause).toBe(TrapCause.Syscall);
    expect(hw.peekWord(DATA_BASE + 4)).toBe(0x1234);
  });

  it('store to a read-only page cached by a load: faults; after W + invalidatePage the store lands', () => {
    const hw = expectPrecise([
      encodeI(Op.LW, 3, 1, 0),    // fills the TLB with the read-only translation
      encodeS(Op.SB, 2, 1, 3),    // protection fault: a TLB hit without W
      SYSCALL,
    ], { 1: DATA_BASE, 2: 0x77 }, (hw) => {
      hw.map(DATA_VPN, RO);
      hw.poke(DATA_BASE, [0x1122_3344]);
    }, 1, pageFault(CODE_BASE + 4, Access.Store, DATA_BASE + 3, FaultKind.Protection));
    const { cpu, tlb } = hw.machine;
    expect(cpu.regs[3]).toBe(0x1122_3344);
    // The kernel makes the page writable but forgets to invalidate: the stale
    // TLB entry still refuses, so the store faults again (that is why it must).
    hw.setPte(DATA_VPN, hw.pte(DATA_VPN) | 0x4);
    expect(cpu.run(100)).toEqual(pageFault(CODE_BASE + 4, Access.Store, DATA_BASE + 3, FaultKind.Protection));
    tlb.invalidatePage(DATA_VPN, 0);
    expect(cpu.run(100)).toEqual(trapAt(TrapCause.Syscall, CODE_BASE + 8));
    expect(hw.peekWord(DATA_BASE)).toBe(0x7722_3344);
    expect(hw.pte(DATA_VPN) & (PTE_A | PTE_D)).toBe(PTE_A | PTE_D);
  });
});

describe('other traps are precise too', () => {
  it.each([
    ['misaligned lw', encodeI(Op.LW, 3, 1, 2), trapAt(TrapCause.Misaligned, CODE_BASE + 4, Access.Load, DATA_BASE + 2)],
    ['misaligned sw', encodeS(Op.SW, 3, 1, 1), trapAt(TrapCause.Misaligned, CODE_BASE + 4, Access.Store, DATA_BASE + 1)],
    ['div by zero', encodeR(Op.DIV, 3, 1, 0), trapAt(TrapCause.DivideByZero, CODE_BASE + 4)],
    ['remu by zero', encodeR(Op.REMU, 1, 1, 0), trapAt(TrapCause.DivideByZero, CODE_BASE + 4)],
    ['illegal', 0x2700_0000, trapAt(TrapCause.IllegalInstruction, CODE_BASE + 4)],
    ['privileged', encodeN(Op.TLBFLUSH), trapAt(TrapCause.PrivilegedInstruction, CODE_BASE + 4)],
    ['breakpoint', encodeN(Op.BRK), trapAt(TrapCause.Breakpoint, CODE_BASE + 4)],
    ['misaligned jalr', encodeI(Op.JALR, 1, 1, 6), trapAt(TrapCause.Misaligned, CODE_BASE + 4, Access.Fetch, DATA_BASE + 6)],
  ] as const)('%s', (_name, word, expected) => {
    expectPrecise([encodeI(Op.ADDI, 5, 5, 1), word, SYSCALL], { 1: DATA_BASE, 3: 0x3333, 5: 10 }, (hw) => {
      hw.map(DATA_VPN, RW);
      hw.poke(DATA_BASE, [0x0102_0304, 0x0506_0708]);
    }, 1, expected);
  });

  it('a syscall is the exception: it counts as executed, but pc stays on it', () => {
    const hw = new HwFixture();
    hw.loadCode(CODE_BASE, [SYSCALL]);
    hw.setPte(CODE_BASE >>> 12, hw.pte(CODE_BASE >>> 12) | PTE_A);
    const snap = snapshot(hw);
    expect(hw.machine.cpu.run(100)).toEqual(trapAt(TrapCause.Syscall, CODE_BASE));
    expect(diff(snap, snapshot(hw))).toBe('instret: 0 -> 1');
  });
});

describe('A and D bits', () => {
  function setup() {
    const hw = new HwFixture();
    const frame = hw.map(DATA_VPN, RW);
    const { cpu, mmu, tlb } = hw.machine;
    cpu.regs[1] = DATA_BASE;
    cpu.regs[2] = 42;
    return { hw, frame, cpu, mmu, tlb };
  }

  it('a load sets A, not D', () => {
    const { hw, frame, cpu, mmu } = setup();
    hw.loadCode(CODE_BASE, [encodeI(Op.LW, 3, 1, 0), SYSCALL]);
    expect(cpu.run(100)?.cause).toBe(TrapCause.Syscall);
    expect(hw.pte(DATA_VPN)).toBe(makePte(frame, RW | PTE_A));
    expect([mmu.walks, mmu.walkRefs]).toEqual([2, 4]); // code page + data page
  });

  it('a store sets A and D', () => {
    const { hw, frame, cpu } = setup();
    hw.loadCode(CODE_BASE, [encodeS(Op.SW, 2, 1, 0), SYSCALL]);
    expect(cpu.run(100)?.cause).toBe(TrapCause.Syscall);
    expect(hw.pte(DATA_VPN)).toBe(makePte(frame, RW | PTE_A | PTE_D));
  });

  it('a fetch sets A on the code page', () => {
    const { hw, cpu } = setup();
    hw.loadCode(CODE_BASE, [SYSCALL]);
    expect(cpu.run(100)?.cause).toBe(TrapCause.Syscall);
    expect(hw.pte(CODE_BASE >>> 12) & (PTE_A | PTE_D)).toBe(PTE_A);
  });

  it('a store through an entry filled by a load walks again to set D, once', () => {
    const { hw, frame, cpu, mmu, tlb } = setup();
    hw.loadCode(CODE_BASE, [
      encodeI(Op.LW, 3, 1, 0),   // miss, walk: A
      encodeS(Op.SW, 2, 1, 4),   // hit, but cached D=0: walk again to set D
      encodeS(Op.SW, 2, 1, 8),   // hit with D cached: no walk
      SYSCALL,
    ]);
    expect(cpu.run(100)?.cause).toBe(TrapCause.Syscall);
    expect(hw.pte(DATA_VPN)).toBe(makePte(frame, RW | PTE_A | PTE_D));
    // Walks: code fetch, load, the D walk = 3 walks of 2 references.
    expect([mmu.walks, mmu.walkRefs]).toEqual([3, 6]);
    // 4 fetches + 3 data accesses; misses: the code page and the load.
    expect(tlb.stats()).toEqual({ accesses: 7, hits: 5, misses: 2, fills: 2, evictions: 0 });
    expect(mmu.walks).toBeGreaterThanOrEqual(tlb.stats().misses);
    expect(cpu.cycles()).toBe(4 + 6 * 20);
  });

  it('the same through mmu.translate', () => {
    const { hw, frame, mmu, tlb } = setup();
    const e = mmu.translate(DATA_BASE, Access.Load);
    expect(tlb.flags[e]! & (PTE_A | PTE_D)).toBe(PTE_A);
    expect(mmu.translate(DATA_BASE, Access.Store)).toBe(e);
    expect(tlb.flags[e]! & (PTE_A | PTE_D)).toBe(PTE_A | PTE_D);
    expect(hw.pte(DATA_VPN)).toBe(makePte(frame, RW | PTE_A | PTE_D));
    expect(mmu.translate(DATA_BASE, Access.Store)).toBe(e);
    expect(mmu.walks).toBe(2);
    expect(tlb.stats()).toEqual({ accesses: 3, hits: 2, misses: 1, fills: 1, evictions: 0 });
  });

  it('after the kernel clears A and D and invalidates, the next accesses set them again', () => {
    const { hw, frame, mmu, tlb } = setup();
    mmu.translate(DATA_BASE, Access.Store);
    hw.setPte(DATA_VPN, makePte(frame, RW));
    // Without invalidation the cached entry (A=1, D=1) answers and memory stays clear:
    mmu.translate(DATA_BASE, Access.Store);
    expect(hw.pte(DATA_VPN)).toBe(makePte(frame, RW));
    tlb.invalidatePage(DATA_VPN, 0);
    mmu.translate(DATA_BASE, Access.Load);
    expect(hw.pte(DATA_VPN)).toBe(makePte(frame, RW | PTE_A));
    mmu.translate(DATA_BASE, Access.Store);
    expect(hw.pte(DATA_VPN)).toBe(makePte(frame, RW | PTE_A | PTE_D));
    expect(mmu.walks).toBe(3);
  });

  it('a faulting store sets neither A nor D', () => {
    const hw = new HwFixture();
    const frame = hw.map(DATA_VPN, RO);
    expect(hw.machine.mmu.translate(DATA_BASE, Access.Store)).toBe(-1);
    expect(hw.pte(DATA_VPN)).toBe(makePte(frame, RO));
  });
});
