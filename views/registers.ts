// A process's registers with their aliases (SPEC section 1), and its pc.
import { focusProcess, type Kernel, type Process } from './machine.js';

export interface RegisterView {
  readonly index: number;
  /** r0..r15 */
  readonly name: string;
  /** zero, fp, sp, ra where the register has one. */
  readonly alias?: string;
  /** Unsigned 32-bit value. */
  readonly value: number;
}

export interface RegistersView {
  readonly pid: number;
  readonly registers: readonly RegisterView[];
  readonly pc: number;
  /** Machine-wide counters, as the debugger's regs shows them. */
  readonly instructions: number;
  readonly cycles: number;
}

const ALIASES: Record<number, string> = { 0: 'zero', 13: 'fp', 14: 'sp', 15: 'ra' };

/** Registers of `p` (the current or first live process when omitted); undefined with no process. */
export function registersOf(k: Kernel, p: Process | undefined = focusProcess(k)): RegistersView | undefined {
  if (p === undefined) return undefined;
  const regs = k.regsOf(p);
  const registers: RegisterView[] = [];
  for (let i = 0; i < 16; i++) {
    const alias = ALIASES[i];
    registers.push({ index: i, name: `r${i}`, ...(alias ? { alias } : {}), value: regs[i]! >>> 0 });
  }
  return { pid: p.pid, registers, pc: k.pcOf(p) >>> 0, instructions: k.cpu.instret, cycles: k.cpu.cycles() };
}
