// The interval timer: a timer trap after exactly `period` executed
// instructions, counted across runs and budgets; a trap that coincides with
// the expiry comes first, the timer on the next run.
import { describe, expect, it } from 'vitest';
import { encodeB, encodeI, Op } from '../../cpu/isa.js';
import { Access, FaultKind, Trap, TrapCause } from '../../cpu/trap.js';
import { Timer } from '../../cpu/timer.js';
import { HwFixture, RW } from './fixture.js';
import { CODE_BASE, DATA_BASE, SYSCALL } from './helpers.js';

function trapAt(cause: TrapCause, pc: number): Trap {
  return { cause, pc, access: Access.Fetch, address: 0, fault: FaultKind.None };
}

/** Ten `addi r1, r1, 1` then a syscall. */
function counting(period: number): HwFixture {
  const hw = new HwFixture({ timerPeriod: period });
  hw.loadCode(CODE_BASE, [...Array.from({ length: 10 }, () => encodeI(Op.ADDI, 1, 1, 1)), SYSCALL]);
  return hw;
}

describe('timer', () => {
  it('traps after exactly `period` instructions, pc = the next, unexecuted one', () => {
    const hw = counting(4);
    const cpu = hw.machine.cpu;
    expect(cpu.run(1000)).toEqual(trapAt(TrapCause.Timer, CODE_BASE + 16));
    expect([cpu.regs[1], cpu.instret, cpu.pc]).toEqual([4, 4, CODE_BASE + 16]);
    expect(cpu.run(1000)).toEqual(trapAt(TrapCause.Timer, CODE_BASE + 32));
    expect([cpu.regs[1], cpu.instret]).toEqual([8, 8]);
    // Two addi and the syscall: 3 of the next 4.
    expect(cpu.run(1000)).toEqual(trapAt(TrapCause.Syscall, CODE_BASE + 40));
    expect([cpu.regs[1], cpu.instret, cpu.timer.remaining]).toEqual([10, 11, 1]);
  });

  it('budget exhaustion returns null and the timer keeps counting across runs', () => {
    const hw = counting(6);
    const cpu = hw.machine.cpu;
    expect(cpu.run(2)).toBeNull();
    expect([cpu.pc, cpu.instret, cpu.timer.remaining]).toEqual([CODE_BASE + 8, 2, 4]);
    expect(cpu.run(3)).toBeNull();
    expect(cpu.timer.remaining).toBe(1);
    expect(cpu.run(1000)).toEqual(trapAt(TrapCause.Timer, CODE_BASE + 24));
    expect(cpu.instret).toBe(6);
    expect(cpu.timer.remaining).toBe(6);
  });

  it('budget and timer ending together: the timer trap is reported', () => {
    const hw = counting(3);
    expect(hw.machine.cpu.run(3)).toEqual(trapAt(TrapCause.Timer, CODE_BASE + 12));
  });

  it('a syscall as the period-th instruction: the syscall first, then the timer with zero instructions', () => {
    const hw = new HwFixture({ timerPeriod: 3 });
    hw.loadCode(CODE_BASE, [encodeI(Op.ADDI, 1, 0, 1), encodeI(Op.ADDI, 2, 0, 2), SYSCALL, encodeI(Op.ADDI, 3, 0, 3), SYSCALL]);
    const cpu = hw.machine.cpu;
    expect(cpu.run(1000)).toEqual(trapAt(TrapCause.Syscall, CODE_BASE + 8));
    expect(cpu.instret).toBe(3);
    cpu.pc += 4; // the kernel moves past the syscall
    expect(cpu.run(1000)).toEqual(trapAt(TrapCause.Timer, CODE_BASE + 12));
    expect([cpu.instret, cpu.regs[3]]).toEqual([3, 0]);
    // Re-armed for a whole period.
    expect(cpu.timer.remaining).toBe(3);
    expect(cpu.run(1000)).toEqual(trapAt(TrapCause.Syscall, CODE_BASE + 16));
    expect(cpu.instret).toBe(5);
  });

  it('a faulting instruction does not count toward the timer', () => {
    const hw = new HwFixture({ timerPeriod: 3 });
    hw.loadCode(CODE_BASE, [encodeI(Op.ADDI, 1, 0, 1), encodeI(Op.ADDI, 2, 0, 2), encodeI(Op.LW, 3, 4, 0), SYSCALL]);
    const cpu = hw.machine.cpu;
    cpu.regs[4] = DATA_BASE;
    expect(cpu.run(1000)?.cause).toBe(TrapCause.PageFault);
    expect([cpu.instret, cpu.timer.remaining]).toEqual([2, 1]);
    hw.map(DATA_BASE >>> 12, RW);
    // The lw now runs and is the third instruction: the timer expires after it.
    expect(cpu.run(1000)).toEqual(trapAt(TrapCause.Timer, CODE_BASE + 12));
    expect(cpu.instret).toBe(3);
  });

  it('period 0 disables the timer', () => {
    const hw = new HwFixture({ timerPeriod: 0 });
    hw.loadCode(CODE_BASE, [encodeB(Op.BEQ, 0, 0, -1)]); // an endless loop
    const cpu = hw.machine.cpu;
    expect(cpu.run(100_000)).toBeNull();
    expect(cpu.instret).toBe(100_000);
    expect(cpu.pc).toBe(CODE_BASE);
  });

  it('Timer on its own', () => {
    const t = new Timer(5);
    expect([t.advance(4), t.remaining]).toEqual([false, 1]);
    expect([t.advance(1), t.remaining]).toEqual([true, 5]);
    expect([t.advance(7), t.remaining]).toEqual([true, 5]);
    const off = new Timer(0);
    expect([off.advance(1e9), off.remaining]).toEqual([false, Infinity]);
  });
});
