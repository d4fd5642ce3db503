// The CPU: fetch, decode and execute in user mode, every fetch, load and
// store translated by the MMU (SPEC sections 2, 5, 6, 8).
//
// Speed: the loop keeps its hot state in locals and, for each access kind,
// remembers the last page it translated (a one-entry cache in front of the
// simulated TLB). Statistics and replacement stay exact: a hit there still
// counts as a TLB access and stamps the entry for LRU, on one time scale with
// the MMU's slow path (instruction i of a run fetches at c0 + 4i + 1 and
// accesses data at c0 + 4i + 3). The fetch entry is stamped lazily, only
// when its order can matter: before any slow-path call (which may choose a
// victim), when the fetch page changes, and when the run stops. Any other
// case calls the MMU's slow path. An instruction commits nothing until its
// translations succeeded, so every trap is precise. Measured by
// bench/ ("dispatch", "tlb hit"): the per-fetch stamp cost ~25% of dispatch.
import { Mmu } from '../mmu/mmu.js';
import { PhysicalMemory } from '../mmu/physicalMemory.js';
import { FETCH_NEEDS, LOAD_NEEDS, STORE_NEEDS, Tlb } from '../mmu/tlb.js';
import { MUST_BE_ZERO, Op, R_MUST_BE_ZERO, REGISTER_COUNT } from './isa.js';
import { Timer } from './timer.js';
import { Access, FaultKind, Trap, TrapCause } from './trap.js';

export interface CycleCosts {
  /** Cycles per page-table memory reference of a walk. */
  readonly walkCycles: number;
  /** Cycles a page fault adds. */
  readonly faultCycles: number;
}

export const DEFAULT_CYCLE_COSTS: CycleCosts = { walkCycles: 20, faultCycles: 1000 };

function makeTrap(cause: TrapCause, pc: number, access = Access.Fetch, address = 0, fault = FaultKind.None): Trap {
  return { cause, pc: pc >>> 0, access, address: address >>> 0, fault };
}

export class Cpu {
  readonly regs = new Int32Array(REGISTER_COUNT);
  pc = 0;
  /** Instructions executed (a syscall counts; an instruction that faults does not). */
  instret = 0;
  /** Cycles charged besides instructions and walks: page faults, swap transfers, idle time. */
  extraCycles = 0;
  /** Page-fault traps raised. */
  pageFaults = 0;
  readonly timer: Timer;
  /**
   * When set, run() delegates to it: the reference interpreter, which sends
   * every access through the MMU's slow path so that an observer sees each one.
   */
  slowRunner: ((cpu: Cpu, budget: number) => Trap | null) | undefined;
  private readonly mustBeZero = MUST_BE_ZERO;

  constructor(
    readonly memory: PhysicalMemory,
    readonly tlb: Tlb,
    readonly mmu: Mmu,
    readonly costs: CycleCosts,
    timerPeriod: number,
  ) {
    this.timer = new Timer(timerPeriod);
  }

  /** The machine's cycle counter (SPEC section 8). */
  cycles(): number {
    return this.instret + this.extraCycles + this.mmu.walkRefs * this.costs.walkCycles;
  }

  /** Adds cycles for work outside the CPU (a swap transfer, a fault the kernel takes for a system call). */
  chargeCycles(n: number): void {
    this.extraCycles += n;
  }

  /**
   * Runs from `pc` until a trap, the timer, or `budget` instructions. Returns
   * the trap (a timer expiry is a Timer trap), or null when the budget ran out.
   */
  run(budget: number): Trap | null {
    if (this.slowRunner !== undefined) return this.slowRunner(this, budget);
    // Only the kernel sets pc directly; a misaligned one faults like a misaligned jump.
    if ((this.pc & 3) !== 0) return makeTrap(TrapCause.Misaligned, this.pc, Access.Fetch, this.pc);
    const regs = this.regs;
    const words = this.memory.words;
    const bytes = this.memory.bytes;
    const tlb = this.tlb;
    const tflags = tlb.flags;
    const tbase = tlb.frameBase;
    const useStamp = tlb.useStamp;
    const mbz = this.mustBeZero;
    const rMask = R_MUST_BE_ZERO;
    const asid = this.mmu.currentAsid;
    const limit = Math.min(budget, this.timer.remaining);
    const c0 = tlb.clock;
    let pc = this.pc | 0;
    let n = 0;
    // Accesses served here (the slow path counts its own) and slow fetches made.
    let fastData = 0;
    let slowFetches = 0;
    // One-entry caches per access kind: page, TLB entry, physical page base.
    let fVpn = -1, fEnt = 0, fBase = 0;
    let lVpn = -1, lEnt = 0, lBase = 0;
    let sVpn = -1, sEnt = 0, sBase = 0;
    let trap: Trap | null = null;

    loop: while (n < limit) {
      // ---- fetch
      const pvpn = pc >>> 12;
      if (pvpn !== fVpn) {
        // The old fetch page was last used by the previous instruction.
        if (fVpn >= 0 && useStamp[fEnt]! < c0 + 4 * n - 3) useStamp[fEnt] = c0 + 4 * n - 3;
        let e = tlb.lookup(pvpn, asid);
        if (e < 0 || (tflags[e]! & FETCH_NEEDS) !== FETCH_NEEDS) {
          slowFetches++;
          fVpn = -1;
          tlb.clock = c0 + 4 * n;
          e = e < 0 ? this.mmu.refill(pc, Access.Fetch) : this.mmu.translate(pc, Access.Fetch);
          if (e < 0) { trap = this.pageFault(pc, Access.Fetch, pc); break; }
          if (lEnt === e) lVpn = -1;
          if (sEnt === e) sVpn = -1;
        } else {
          useStamp[e] = c0 + 4 * n + 1;
        }
        fVpn = pvpn; fEnt = e; fBase = tbase[e]!;
      }
      const w = words[(fBase | (pc & 0xfff)) >>> 2]!;
      const op = w >>> 24;
      // Must-be-zero bits: R-format (opcodes 0x01..0x0f) inline; lui and the
      // 0x40+ group (the only others with such bits) from the table; other
      // opcodes have none, or are unassigned and end in the switch's default.
      // A table load on every instruction cost ~10% of dispatch (bench: "dispatch").
      if (op < 0x10 ? (w & rMask) !== 0 : (op >= 0x40 || op === Op.LUI) && (w & mbz[op]!) !== 0) {
        trap = makeTrap(TrapCause.IllegalInstruction, pc);
        break;
      }
      const rd = (w >>> 20) & 15;
      const rs1 = (w >>> 16) & 15;
      let next = (pc + 4) | 0;

      switch (op) {
        case Op.ADD: regs[rd] = regs[rs1]! + regs[(w >>> 12) & 15]!; break;
        case Op.SUB: regs[rd] = regs[rs1]! - regs[(w >>> 12) & 15]!; break;
        case Op.AND: regs[rd] = regs[rs1]! & regs[(w >>> 12) & 15]!; break;
        case Op.OR: regs[rd] = regs[rs1]! | regs[(w >>> 12) & 15]!; break;
        case Op.XOR: regs[rd] = regs[rs1]! ^ regs[(w >>> 12) & 15]!; break;
        case Op.SHL: regs[rd] = regs[rs1]! << regs[(w >>> 12) & 15]!; break;
        case Op.SHR: regs[rd] = regs[rs1]! >>> regs[(w >>> 12) & 15]!; break;
        case Op.SRA: regs[rd] = regs[rs1]! >> regs[(w >>> 12) & 15]!; break;
        case Op.SLT: regs[rd] = regs[rs1]! < regs[(w >>> 12) & 15]! ? 1 : 0; break;
        case Op.SLTU: regs[rd] = regs[rs1]! >>> 0 < regs[(w >>> 12) & 15]! >>> 0 ? 1 : 0; break;
        case Op.MUL: regs[rd] = Math.imul(regs[rs1]!, regs[(w >>> 12) & 15]!); break;
        case Op.DIV: case Op.DIVU: case Op.REM: case Op.REMU: {
          const b = regs[(w >>> 12) & 15]!;
          if (b === 0) { trap = makeTrap(TrapCause.DivideByZero, pc); break loop; }
          regs[rd] = divide(op, regs[rs1]!, b);
          break;
        }
        case Op.ADDI: regs[rd] = regs[rs1]! + ((w << 16) >> 16); break;
        case Op.ANDI: regs[rd] = regs[rs1]! & (w & 0xffff); break;
        case Op.ORI: regs[rd] = regs[rs1]! | (w & 0xffff); break;
        case Op.XORI: regs[rd] = regs[rs1]! ^ (w & 0xffff); break;
        case Op.SHLI: regs[rd] = regs[rs1]! << (w & 31); break;
        case Op.SHRI: regs[rd] = regs[rs1]! >>> (w & 31); break;
        case Op.SRAI: regs[rd] = regs[rs1]! >> (w & 31); break;
        case Op.SLTI: regs[rd] = regs[rs1]! < ((w << 16) >> 16) ? 1 : 0; break;
        case Op.SLTIU: regs[rd] = regs[rs1]! >>> 0 < ((w << 16) >> 16) >>> 0 ? 1 : 0; break;
        case Op.LUI: regs[rd] = w << 16; break;

        case Op.LW: case Op.LB: case Op.LBU: {
          const va = (regs[rs1]! + ((w << 16) >> 16)) | 0;
          if (op === Op.LW && (va & 3) !== 0) { trap = makeTrap(TrapCause.Misaligned, pc, Access.Load, va); break loop; }
          const vpn = va >>> 12;
          if (vpn !== lVpn) {
            let e = tlb.lookup(vpn, asid);
            if (e < 0 || (tflags[e]! & LOAD_NEEDS) !== LOAD_NEEDS) {
              // The slow path may choose a victim: the fetch page's stamp must be current.
              if (fVpn >= 0 && useStamp[fEnt]! < c0 + 4 * n + 1) useStamp[fEnt] = c0 + 4 * n + 1;
              lVpn = -1;
              tlb.clock = c0 + 4 * n + 2;
              e = e < 0 ? this.mmu.refill(va, Access.Load) : this.mmu.translate(va, Access.Load);
              if (e < 0) { trap = this.pageFault(pc, Access.Load, va); break loop; }
              if (fEnt === e) fVpn = -1;
              if (sEnt === e) sVpn = -1;
            } else {
              useStamp[e] = c0 + 4 * n + 3;
              fastData++;
            }
            lVpn = vpn; lEnt = e; lBase = tbase[e]!;
          } else {
            useStamp[lEnt] = c0 + 4 * n + 3;
            fastData++;
          }
          const pa = lBase | (va & 0xfff);
          if (op === Op.LW) regs[rd] = words[pa >>> 2]!;
          else if (op === Op.LB) regs[rd] = (bytes[pa]! << 24) >> 24;
          else regs[rd] = bytes[pa]!;
          break;
        }

        case Op.SW: case Op.SB: {
          const va = (regs[rs1]! + ((w << 16) >> 16)) | 0;
          if (op === Op.SW && (va & 3) !== 0) { trap = makeTrap(TrapCause.Misaligned, pc, Access.Store, va); break loop; }
          const vpn = va >>> 12;
          if (vpn !== sVpn) {
            let e = tlb.lookup(vpn, asid);
            if (e < 0 || (tflags[e]! & STORE_NEEDS) !== STORE_NEEDS) {
              // The slow path may choose a victim: the fetch page's stamp must be current.
              if (fVpn >= 0 && useStamp[fEnt]! < c0 + 4 * n + 1) useStamp[fEnt] = c0 + 4 * n + 1;
              sVpn = -1;
              tlb.clock = c0 + 4 * n + 2;
              e = e < 0 ? this.mmu.refill(va, Access.Store) : this.mmu.translate(va, Access.Store);
              if (e < 0) { trap = this.pageFault(pc, Access.Store, va); break loop; }
              if (fEnt === e) fVpn = -1;
              if (lEnt === e) lVpn = -1;
            } else {
              useStamp[e] = c0 + 4 * n + 3;
              fastData++;
            }
            sVpn = vpn; sEnt = e; sBase = tbase[e]!;
          } else {
            useStamp[sEnt] = c0 + 4 * n + 3;
            fastData++;
          }
          const pa = sBase | (va & 0xfff);
          // In S format the stored register sits in the rd field.
          if (op === Op.SW) words[pa >>> 2] = regs[rd]!;
          else bytes[pa] = regs[rd]!;
          break;
        }

        // B format: rs1 in the rd field, rs2 in the rs1 field.
        case Op.BEQ: if (regs[rd] === regs[rs1]) next = (next + (((w << 16) >> 16) << 2)) | 0; break;
        case Op.BNE: if (regs[rd] !== regs[rs1]) next = (next + (((w << 16) >> 16) << 2)) | 0; break;
        case Op.BLT: if (regs[rd]! < regs[rs1]!) next = (next + (((w << 16) >> 16) << 2)) | 0; break;
        case Op.BGE: if (regs[rd]! >= regs[rs1]!) next = (next + (((w << 16) >> 16) << 2)) | 0; break;
        case Op.BLTU: if (regs[rd]! >>> 0 < regs[rs1]! >>> 0) next = (next + (((w << 16) >> 16) << 2)) | 0; break;
        case Op.BGEU: if (regs[rd]! >>> 0 >= regs[rs1]! >>> 0) next = (next + (((w << 16) >> 16) << 2)) | 0; break;

        case Op.JAL: regs[rd] = next; next = (next + (((w << 12) >> 12) << 2)) | 0; break;
        case Op.JALR: {
          const target = (regs[rs1]! + ((w << 16) >> 16)) | 0;
          if ((target & 3) !== 0) { trap = makeTrap(TrapCause.Misaligned, pc, Access.Fetch, target); break loop; }
          regs[rd] = next;
          next = target;
          break;
        }

        case Op.SYSCALL: n++; trap = makeTrap(TrapCause.Syscall, pc); break loop;
        case Op.BRK: trap = makeTrap(TrapCause.Breakpoint, pc); break loop;
        case Op.RDCYCLE: regs[rd] = this.cycles() + n; break;
        case Op.HALT: case Op.SETPTBR: case Op.TLBFLUSH: case Op.IRET:
          trap = makeTrap(TrapCause.PrivilegedInstruction, pc); break loop;
        default: trap = makeTrap(TrapCause.IllegalInstruction, pc); break loop;
      }
      regs[0] = 0;
      pc = next;
      n++;
    }

    regs[0] = 0;
    // Settle the TLB's books: the fetch page's last use, the hits served here, the clock.
    const trappedAfterFetch = trap !== null && trap.cause !== TrapCause.Syscall;
    const lastFetch = trappedAfterFetch ? n : n - 1;
    if (fVpn >= 0 && useStamp[fEnt]! < c0 + 4 * lastFetch + 1) useStamp[fEnt] = c0 + 4 * lastFetch + 1;
    tlb.countHits(n + (trappedAfterFetch ? 1 : 0) - slowFetches + fastData);
    tlb.clock = c0 + 4 * (n + 1);
    this.pc = pc >>> 0;
    this.instret += n;
    const expired = this.timer.advance(n);
    if (trap !== null) {
      // The timer still counted the instructions; the kernel sees the trap first
      // and the expiry on the next run (its `remaining` is re-armed already).
      if (expired) this.timer.remaining = 0;
      return trap;
    }
    return expired ? makeTrap(TrapCause.Timer, pc) : null;
  }

  /**
   * The trap for a translation that failed (mmu.lastFault says why): a page
   * fault, or with software refill a tlb_miss or tlb_modified trap, which
   * the kernel charges and counts itself (kernel/refill.ts).
   */
  pageFault(pc: number, access: Access, address: number): Trap {
    const fault = this.mmu.lastFault;
    if (fault === FaultKind.TlbMiss || fault === FaultKind.TlbModified) {
      return makeTrap(fault === FaultKind.TlbMiss ? TrapCause.TlbMiss : TrapCause.TlbModified, pc, access, address, fault);
    }
    this.pageFaults++;
    this.extraCycles += this.costs.faultCycles;
    return makeTrap(TrapCause.PageFault, pc, access, address, this.mmu.lastFault);
  }
}

/** div, divu, rem, remu on a non-zero divisor; INT_MIN / -1 = INT_MIN and INT_MIN % -1 = 0. */
export function divide(op: number, a: number, b: number): number {
  switch (op) {
    case Op.DIV: return (a / b) | 0;
    case Op.DIVU: return ((a >>> 0) / (b >>> 0)) >>> 0;
    case Op.REM: return a % b | 0;
    default: return (a >>> 0) % (b >>> 0);
  }
}
