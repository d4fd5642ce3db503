// The one narrow interface between the hardware and the kernel: the CPU stops
// and reports a Trap; the kernel decides whether to retry the instruction,
// move past it (system calls), switch processes or kill. The hardware knows
// nothing of processes.

// Access kinds and fault kinds are the MMU's vocabulary; the trap carries them.
import { Access, FaultKind } from '../mmu/access.js';
export { Access, ACCESS_NAMES, FaultKind, FAULT_KIND_NAMES } from '../mmu/access.js';
export type { AccessName } from '../mmu/access.js';

export const enum TrapCause {
  Syscall = 0,
  PageFault = 1,
  IllegalInstruction = 2,
  PrivilegedInstruction = 3,
  Misaligned = 4,
  DivideByZero = 5,
  Breakpoint = 6,
  Timer = 7,
  /** Software refill only: no TLB entry; the kernel writes one (or takes a page fault). */
  TlbMiss = 8,
  /** Software refill only: a store through an entry without W; the kernel sets D (or takes a page fault). */
  TlbModified = 9,
}

export const TRAP_CAUSE_NAMES = [
  'syscall', 'page_fault', 'illegal_instruction', 'privileged_instruction',
  'misaligned', 'divide_by_zero', 'breakpoint', 'timer', 'tlb_miss', 'tlb_modified',
] as const;
export type TrapCauseName = (typeof TRAP_CAUSE_NAMES)[number];

/**
 * A trap as the CPU reports it. `pc` is the address of the instruction that
 * trapped (for a syscall too: the kernel, not the CPU, moves pc past it).
 * `access`, `address` and `fault` are meaningful for page faults,
 * misaligned accesses, tlb_miss and tlb_modified only.
 */
export interface Trap {
  readonly cause: TrapCause;
  readonly pc: number;
  readonly access: Access;
  readonly address: number;
  readonly fault: FaultKind;
}

/** The one trap builder, shared by the fast loop (cpu.ts) and the reference CPU. */
export function makeTrap(cause: TrapCause, pc: number, access = Access.Fetch, address = 0, fault = FaultKind.None): Trap {
  return { cause, pc: pc >>> 0, access, address: address >>> 0, fault };
}
