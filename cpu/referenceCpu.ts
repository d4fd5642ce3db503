// The reference CPU: a deliberately plain interpreter with exactly the
// semantics and accounting of the fast loop in cpu.ts (same instret, timer,
// cycle and trap rules), but every fetch, load and store goes through the
// MMU's slow path, `mmu.translate`, so an observer (the tracer) sees each TLB
// hit. The fast loop's one-entry caches stamp the same TLB entries as a
// translate() would, so both give identical statistics; the differential test
// (test/tools/reference-cpu.test.ts) holds them to it. It also keeps
// `cpu.instret` current instruction by instruction, so that an observer
// reading `cpu.cycles()` mid-run gets the exact cycle of each access.
import { Access } from '../mmu/access.js';
import { Page } from '../mmu/page.js';
import { divide, type Cpu } from './cpu.js';
import { MUST_BE_ZERO, Op, PRIVILEGED } from './isa.js';
import { makeTrap as trapOf, Trap, TrapCause } from './trap.js';

/** Runs like `Cpu.run` (without the delegation to itself). */
export function runReference(cpu: Cpu, budget: number): Trap | null {
  if ((cpu.pc & 3) !== 0) return trapOf(TrapCause.Misaligned, cpu.pc, Access.Fetch, cpu.pc);
  const limit = Math.min(budget, cpu.timer.remaining);
  let n = 0;
  let trap: Trap | null = null;
  while (n < limit) {
    trap = execute(cpu);
    cpu.regs[0] = 0;
    // A system call counts as executed; every other trap leaves the instruction undone.
    if (trap === null || trap.cause === TrapCause.Syscall) {
      n++;
      cpu.instret++;
    }
    if (trap !== null) break;
  }
  const expired = cpu.timer.advance(n);
  if (trap !== null) {
    if (expired) cpu.timer.holdExpiry();
    return trap;
  }
  return expired ? trapOf(TrapCause.Timer, cpu.pc) : null;
}

/** A translated physical address, or the fast loop's own trap for the failure (a page fault, tlb_miss, tlb_modified). */
function translate(cpu: Cpu, pc: number, va: number, access: Access): number | Trap {
  const e = cpu.mmu.translate(va, access);
  if (e >= 0) return cpu.tlb.frameBase[e]! | (va & Page.OffsetMask);
  return cpu.pageFault(pc, access, va);
}

/** One instruction at cpu.pc: commits its effects and moves pc, or returns the trap and changes nothing. */
function execute(cpu: Cpu): Trap | null {
  const regs = cpu.regs;
  const memory = cpu.memory;
  const pc = cpu.pc | 0;
  const fetched = translate(cpu, pc, pc, Access.Fetch);
  if (typeof fetched !== 'number') return fetched;
  const w = memory.words[fetched >>> 2]!;
  const op = w >>> 24;
  if ((w & MUST_BE_ZERO[op]!) !== 0) return trapOf(TrapCause.IllegalInstruction, pc);
  const rd = (w >>> 20) & 15;
  const a = regs[(w >>> 16) & 15]!;
  const b = regs[(w >>> 12) & 15]!;
  const imm = (w << 16) >> 16;
  const uimm = w & 0xffff;
  let next = (pc + 4) | 0;
  const branchTarget = (next + (imm << 2)) | 0;

  switch (op) {
    case Op.ADD: regs[rd] = a + b; break;
    case Op.SUB: regs[rd] = a - b; break;
    case Op.AND: regs[rd] = a & b; break;
    case Op.OR: regs[rd] = a | b; break;
    case Op.XOR: regs[rd] = a ^ b; break;
    case Op.SHL: regs[rd] = a << b; break;
    case Op.SHR: regs[rd] = a >>> b; break;
    case Op.SRA: regs[rd] = a >> b; break;
    case Op.SLT: regs[rd] = a < b ? 1 : 0; break;
    case Op.SLTU: regs[rd] = a >>> 0 < b >>> 0 ? 1 : 0; break;
    case Op.MUL: regs[rd] = Math.imul(a, b); break;
    case Op.DIV: case Op.DIVU: case Op.REM: case Op.REMU:
      if (b === 0) return trapOf(TrapCause.DivideByZero, pc);
      regs[rd] = divide(op, a, b);
      break;
    case Op.ADDI: regs[rd] = a + imm; break;
    case Op.ANDI: regs[rd] = a & uimm; break;
    case Op.ORI: regs[rd] = a | uimm; break;
    case Op.XORI: regs[rd] = a ^ uimm; break;
    case Op.SHLI: regs[rd] = a << (w & 31); break;
    case Op.SHRI: regs[rd] = a >>> (w & 31); break;
    case Op.SRAI: regs[rd] = a >> (w & 31); break;
    case Op.SLTI: regs[rd] = a < imm ? 1 : 0; break;
    case Op.SLTIU: regs[rd] = a >>> 0 < imm >>> 0 ? 1 : 0; break;
    case Op.LUI: regs[rd] = w << 16; break;

    case Op.LW: case Op.LB: case Op.LBU: {
      const va = (a + imm) | 0;
      if (op === Op.LW && (va & 3) !== 0) return trapOf(TrapCause.Misaligned, pc, Access.Load, va);
      const pa = translate(cpu, pc, va, Access.Load);
      if (typeof pa !== 'number') return pa;
      if (op === Op.LW) regs[rd] = memory.words[pa >>> 2]!;
      else if (op === Op.LB) regs[rd] = (memory.bytes[pa]! << 24) >> 24;
      else regs[rd] = memory.bytes[pa]!;
      break;
    }
    case Op.SW: case Op.SB: {
      const va = (a + imm) | 0;
      if (op === Op.SW && (va & 3) !== 0) return trapOf(TrapCause.Misaligned, pc, Access.Store, va);
      const pa = translate(cpu, pc, va, Access.Store);
      if (typeof pa !== 'number') return pa;
      // In S format the stored register sits in the rd field.
      if (op === Op.SW) memory.words[pa >>> 2] = regs[rd]!;
      else memory.bytes[pa] = regs[rd]!;
      break;
    }

    // B format: rs1 in the rd field, rs2 in the rs1 field.
    case Op.BEQ: if (regs[rd] === a) next = branchTarget; break;
    case Op.BNE: if (regs[rd] !== a) next = branchTarget; break;
    case Op.BLT: if (regs[rd]! < a) next = branchTarget; break;
    case Op.BGE: if (regs[rd]! >= a) next = branchTarget; break;
    case Op.BLTU: if (regs[rd]! >>> 0 < a >>> 0) next = branchTarget; break;
    case Op.BGEU: if (regs[rd]! >>> 0 >= a >>> 0) next = branchTarget; break;

    case Op.JAL: regs[rd] = next; next = (next + (((w << 12) >> 12) << 2)) | 0; break;
    case Op.JALR: {
      const target = (a + imm) | 0;
      if ((target & 3) !== 0) return trapOf(TrapCause.Misaligned, pc, Access.Fetch, target);
      regs[rd] = next;
      next = target;
      break;
    }

    case Op.SYSCALL: return trapOf(TrapCause.Syscall, pc);
    case Op.BRK: return trapOf(TrapCause.Breakpoint, pc);
    // instret is kept current here, so cycles() already counts the instructions before this one.
    case Op.RDCYCLE: regs[rd] = cpu.cycleLow32(); break;
    default: return trapOf(PRIVILEGED[op] === 1 ? TrapCause.PrivilegedInstruction : TrapCause.IllegalInstruction, pc);
  }
  cpu.pc = next >>> 0;
  return null;
}
