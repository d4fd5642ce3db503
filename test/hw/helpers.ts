// Small helpers shared by the hardware tests: run a few instructions on a
// hand-built machine, and take exact snapshots of the architectural state.
import { encodeN, Op } from '../../cpu/isa.js';
import { Trap } from '../../cpu/trap.js';
import { FixtureOptions, HwFixture } from './fixture.js';

export const CODE_BASE = 0x1000;
/** A data page at 0x10000 (vpn 0x10), under the same root entry as the code. */
export const DATA_BASE = 0x10000;
export const SYSCALL = encodeN(Op.SYSCALL);

export interface Executed {
  readonly hw: HwFixture;
  readonly trap: Trap | null;
  readonly regs: Int32Array;
}

/**
 * Loads `program` at CODE_BASE followed by a syscall, sets the registers in
 * `regs` (index -> value), and runs until the first trap.
 */
export function exec(
  program: readonly number[],
  regs: Readonly<Record<number, number>> = {},
  setup?: (hw: HwFixture) => void,
  opts: FixtureOptions = {},
): Executed {
  const hw = new HwFixture(opts);
  for (const [r, v] of Object.entries(regs)) hw.machine.cpu.regs[Number(r)] = v;
  hw.loadCode(CODE_BASE, [...program, SYSCALL]);
  setup?.(hw);
  const trap = hw.machine.cpu.run(10_000);
  return { hw, trap, regs: hw.machine.cpu.regs };
}

/** Everything an instruction could change: registers, pc, instret and all of physical memory. */
export interface Snapshot {
  readonly regs: number[];
  readonly pc: number;
  readonly instret: number;
  readonly memory: Buffer;
}

export function snapshot(hw: HwFixture): Snapshot {
  const cpu = hw.machine.cpu;
  return {
    regs: Array.from(cpu.regs),
    pc: cpu.pc,
    instret: cpu.instret,
    memory: Buffer.from(hw.machine.memory.bytes),
  };
}

/** Describes how two snapshots differ ("" when they are equal). */
export function diff(a: Snapshot, b: Snapshot): string {
  const out: string[] = [];
  a.regs.forEach((v, i) => { if (v !== b.regs[i]) out.push(`r${i}: ${v} -> ${b.regs[i]}`); });
  if (a.pc !== b.pc) out.push(`pc: ${a.pc.toString(16)} -> ${b.pc.toString(16)}`);
  if (a.instret !== b.instret) out.push(`instret: ${a.instret} -> ${b.instret}`);
  if (!a.memory.equals(b.memory)) {
    for (let i = 0; i < a.memory.length; i++) {
      if (a.memory[i] !== b.memory[i]) { out.push(`memory[0x${i.toString(16)}] ${a.memory[i]} -> ${b.memory[i]}`); break; }
    }
  }
  return out.join('; ');
}
