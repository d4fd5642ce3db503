// The CPU: fetch, decode and execute in user mode, every fetch, load and
// store translated by the MMU (SPEC sections 2, 5, 6, 8).
//
// Speed: the loop keeps its hot state in locals and remembers the last page
// it translated for fetches and the last one for data (a one-entry cache in
// front of the simulated TLB, per access kind). Statistics and replacement
// stay exact: a hit there still counts as a TLB access and stamps the entry
// for LRU, through the TLB's run operations (mmu/tlb.ts: stampFetch,
// stampData, settleFetch, endRun), on one time scale with the MMU's slow
// path. The fetch entry is stamped lazily, only when its order can matter:
// before any slow-path call (which may choose a victim), when the fetch page
// changes, and when the run stops. Any other case calls the MMU's slow path.
// An instruction commits nothing until its translations succeeded, so every
// trap is precise. Measured by bench/ ("dispatch", "tlb hit"): the per-fetch
// stamp cost ~25% of dispatch.
//
// Cold speed (issue 18, docs/benchmarks.md "Cold runs"): V8 throws optimised
// code away when it reaches a bytecode that never ran before it was
// compiled. So a trap only records its cause in a local and leaves the loop;
// the trap is built after it. And before the first run of a process a short
// rehearsal (cpu/rehearsal.ts) takes every path of the loop once on a
// private machine, so that the real run's first optimisation is its last.
import { Mmu } from '../mmu/mmu.js';
import { Page } from '../mmu/page.js';
import { PhysicalMemory } from '../mmu/physicalMemory.js';
import { FETCH_NEEDS, LOAD_NEEDS, STORE_NEEDS, Tlb } from '../mmu/tlb.js';
import { MUST_BE_ZERO, Op, PRIVILEGED, R_MUST_BE_ZERO, REGISTER_COUNT } from './isa.js';
import { rehearse } from './rehearsal.js';
import { Timer } from './timer.js';
import { Access, FaultKind, makeTrap, Trap, TrapCause } from './trap.js';

/**
 * What the hardware's own work costs. Software costs (a page fault's
 * handling, a swap transfer, idle time) are the kernel's to charge, through
 * chargeCycles.
 */
export interface CycleCosts {
  /** Cycles per page-table memory reference of a walk. */
  readonly walkCycles: number;
}

/** extraCycles folds into the exact carry from here (2^52: one more charge of at most 10^9 stays exact). */
const FOLD_AT_CYCLES = 2 ** 52;

export const DEFAULT_CYCLE_COSTS: CycleCosts = { walkCycles: 20 };

/** The loop's exit codes besides a TrapCause: the budget or timer ran out; a translation failed (mmu.lastFault says why). */
const RAN_OUT = -1;
const TRANSLATION_FAILED = -2;

/** The rehearsal runs once per process, before the first Cpu is built. */
let rehearsed = false;

export class Cpu {
  readonly regs = new Int32Array(REGISTER_COUNT);
  pc = 0;
  /** Instructions executed (a syscall counts; an instruction that faults does not). */
  instret = 0;
  /**
   * Cycles charged besides instructions and walks: page faults, swap
   * transfers. Kept below FOLD_AT_CYCLES so that it stays an exact number;
   * beyond, and for idle time, cycles go to `carry`.
   */
  private extraCycles = 0;
  /** Cycles folded out of extraCycles and skipped while idle: exact, mod 2^64; a BigInt touched only off the hot path. */
  private carry = 0n;
  /** carry mod 2^32, for rdcycle. */
  private carryLow32 = 0;
  /** carry as a number while that is exact (below 2^53), else -1. */
  private carrySmall = 0;
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
    if (!rehearsed) {
      rehearsed = true;
      rehearse((m, t, u, period) => new Cpu(m, t, u, DEFAULT_CYCLE_COSTS, period));
    }
  }

  /**
   * The machine's cycle counter (SPEC section 8) as a number: exact while it
   * is below 2^53, the nearest double beyond (cycles64 is always exact).
   */
  cycles(): number {
    const sum = this.carrySmall + this.instret + this.extraCycles + this.mmu.walkRefs * this.costs.walkCycles;
    return this.carrySmall >= 0 && sum <= Number.MAX_SAFE_INTEGER ? sum : Number(this.cycles64());
  }

  /** The 64-bit cycle counter, exact; it wraps at 2^64 like a hardware counter. */
  cycles64(): bigint {
    const walks = BigInt(this.mmu.walkRefs) * BigInt(this.costs.walkCycles);
    return BigInt.asUintN(64, this.carry + BigInt(this.instret) + BigInt(this.extraCycles) + walks);
  }

  /**
   * The counter's low 32 bits (what rdcycle reads), from numbers only: each
   * part is an exact integer, so its low 32 bits are exact too.
   */
  cycleLow32(): number {
    const walks = Math.imul(this.mmu.walkRefs >>> 0, this.costs.walkCycles) >>> 0;
    return ((this.instret >>> 0) + (this.extraCycles >>> 0) + this.carryLow32 + walks) >>> 0;
  }

  /** Adds cycles for work outside the CPU the kernel's (a page fault's handling, a swap transfer). */
  chargeCycles(n: number): void {
    this.extraCycles += n;
    if (this.extraCycles >= FOLD_AT_CYCLES) this.chargeLongCycles(0n);
  }

  /** Adds any number of cycles exactly (time skipped while every process sleeps). */
  chargeLongCycles(n: bigint): void {
    this.carry = BigInt.asUintN(64, this.carry + n + BigInt(this.extraCycles));
    this.extraCycles = 0;
    this.carryLow32 = Number(this.carry & 0xffff_ffffn);
    this.carrySmall = this.carry <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(this.carry) : -1;
  }

  /**
   * Runs from `pc` until a trap, the timer, or `budget` instructions. Returns
   * the trap (a timer expiry is a Timer trap), or null when the budget ran out.
   */
  run(budget: number): Trap | null {
    if (this.slowRunner !== undefined) return this.slowRunner(this, budget);
    // Only the kernel sets pc directly; a misaligned one faults like a misaligned jump.
    if ((this.pc & 3) !== 0) return makeTrap(TrapCause.Misaligned, this.pc, Access.Fetch, this.pc);
    const n = this.interpret(Math.min(budget, this.timer.remaining));
    this.instret += n;
    const expired = this.timer.advance(n);
    const stop = this.stop;
    if (stop !== RAN_OUT) {
      // The timer still counted the instructions; the kernel sees the trap first
      // and the expiry on the next run (its `remaining` is re-armed already).
      if (expired) this.timer.holdExpiry();
      return stop === TRANSLATION_FAILED
        ? this.pageFault(this.pc, this.stopAccess, this.stopAddress)
        : makeTrap(stop, this.pc, this.stopAccess, this.stopAddress);
    }
    return expired ? makeTrap(TrapCause.Timer, this.pc) : null;
  }

  /** Why interpret() stopped: RAN_OUT, TRANSLATION_FAILED or a TrapCause; and the access and address of the trap. */
  private stop = RAN_OUT;
  private stopAccess = Access.Fetch;
  private stopAddress = 0;

  /**
   * The loop: runs up to `limit` instructions from pc, leaves pc at the next
   * instruction (or at the one that trapped) and the reason in `stop`, and
   * returns the instructions executed (a syscall counts; a trapping
   * instruction does not).
   */
  private interpret(limit: number): number {
    const regs = this.regs;
    const words = this.memory.words;
    const bytes = this.memory.bytes;
    const tlb = this.tlb;
    const tflags = tlb.flags;
    const tbase = tlb.frameBase;
    const mbz = this.mustBeZero;
    const rMask = R_MUST_BE_ZERO;
    const asid = this.mmu.currentAsid;
    let pc = this.pc | 0;
    let n = 0;
    let stop = RAN_OUT;
    let stopAccess = Access.Fetch;
    let stopAddress = 0;
    // Accesses served here (the slow path counts its own) and slow fetches made.
    let fastData = 0;
    let slowFetches = 0;
    // The fetch page: its number, TLB entry and physical base.
    let fVpn = -1, fEnt = -1, fBase = 0;
    // The data page: one entry for loads and stores, with the page number
    // under which each kind may use it (-1 when the entry does not allow it).
    let lVpn = -1, sVpn = -1, dEnt = -1, dBase = 0;
    tlb.beginRun();

    loop: while (n < limit) {
      // ---- fetch
      const pvpn = pc >>> Page.Shift;
      if (pvpn !== fVpn) {
        // The old fetch page was last used by the previous instruction.
        if (fVpn >= 0) tlb.settleFetch(fEnt, n - 1);
        let e = tlb.lookup(pvpn, asid);
        if (e < 0 || (tflags[e]! & FETCH_NEEDS) !== FETCH_NEEDS) {
          slowFetches++;
          fVpn = -1;
          tlb.enterSlowFetch(n);
          e = this.translateSlow(pc, Access.Fetch, e);
          if (e < 0) { stop = TRANSLATION_FAILED; stopAddress = pc; break; }
          if (e === dEnt) { lVpn = -1; sVpn = -1; }
        } else {
          tlb.stampFetch(e, n);
        }
        fVpn = pvpn; fEnt = e; fBase = tbase[e]!;
      }
      const w = words[(fBase | (pc & Page.OffsetMask)) >>> 2]!;
      const op = w >>> 24;
      // Must-be-zero bits: R-format (opcodes 0x01..0x0f) inline; lui and the
      // 0x40+ group (the only others with such bits) from the table; other
      // opcodes have none, or are unassigned and end in the switch's default.
      // A table load on every instruction cost ~10% of dispatch (bench: "dispatch").
      if (op < 0x10 ? (w & rMask) !== 0 : (op >= 0x40 || op === Op.LUI) && (w & mbz[op]!) !== 0) {
        stop = TrapCause.IllegalInstruction;
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
          if (b === 0) { stop = TrapCause.DivideByZero; break loop; }
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

        // Loads and stores: one access path (the TLB entry of the data page), then the transfer.
        case Op.LW: case Op.LB: case Op.LBU: case Op.SW: case Op.SB: {
          const va = (regs[rs1]! + ((w << 16) >> 16)) | 0;
          const access = op < Op.SW ? Access.Load : Access.Store;
          if ((op === Op.LW || op === Op.SW) && (va & 3) !== 0) {
            stop = TrapCause.Misaligned; stopAccess = access; stopAddress = va;
            break loop;
          }
          const vpn = va >>> Page.Shift;
          if (vpn === (access === Access.Load ? lVpn : sVpn)) {
            tlb.stampData(dEnt, n);
            fastData++;
          } else {
            const needs = access === Access.Load ? LOAD_NEEDS : STORE_NEEDS;
            let e = tlb.lookup(vpn, asid);
            if (e < 0 || (tflags[e]! & needs) !== needs) {
              // The slow path may choose a victim: the fetch page's stamp must be current.
              if (fVpn >= 0) tlb.settleFetch(fEnt, n);
              lVpn = -1; sVpn = -1;
              tlb.enterSlowData(n);
              e = this.translateSlow(va, access, e);
              if (e < 0) { stop = TRANSLATION_FAILED; stopAccess = access; stopAddress = va; break loop; }
              if (e === fEnt) fVpn = -1;
            } else {
              tlb.stampData(e, n);
              fastData++;
            }
            const flags = tflags[e]!;
            lVpn = (flags & LOAD_NEEDS) === LOAD_NEEDS ? vpn : -1;
            sVpn = (flags & STORE_NEEDS) === STORE_NEEDS ? vpn : -1;
            dEnt = e; dBase = tbase[e]!;
          }
          const pa = dBase | (va & Page.OffsetMask);
          // In S format the stored register sits in the rd field.
          switch (op) {
            case Op.LW: regs[rd] = words[pa >>> 2]!; break;
            case Op.LB: regs[rd] = (bytes[pa]! << 24) >> 24; break;
            case Op.LBU: regs[rd] = bytes[pa]!; break;
            case Op.SW: words[pa >>> 2] = regs[rd]!; break;
            default: bytes[pa] = regs[rd]!;
          }
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
          if ((target & 3) !== 0) { stop = TrapCause.Misaligned; stopAddress = target; break loop; }
          regs[rd] = next;
          next = target;
          break;
        }

        case Op.SYSCALL: n++; stop = TrapCause.Syscall; break loop;
        case Op.BRK: stop = TrapCause.Breakpoint; break loop;
        case Op.RDCYCLE: regs[rd] = this.cycleLow32() + n; break;
        // Legal but not in user mode (isa.ts marks them), or unassigned.
        default: stop = PRIVILEGED[op] === 1 ? TrapCause.PrivilegedInstruction : TrapCause.IllegalInstruction; break loop;
      }
      regs[0] = 0;
      pc = next;
      n++;
    }

    regs[0] = 0;
    // Settle the TLB's books: the fetch page's last use, the hits served here, the clock.
    // Every trap but a syscall stops after its instruction's fetch and before it counts.
    const trappedAfterFetch = stop !== RAN_OUT && stop !== TrapCause.Syscall;
    if (fVpn >= 0) tlb.settleFetch(fEnt, trappedAfterFetch ? n : n - 1);
    tlb.endRun(n + (trappedAfterFetch ? 1 : 0) - slowFetches + fastData, n);
    this.pc = pc >>> 0;
    this.stop = stop;
    this.stopAccess = stopAccess;
    this.stopAddress = stopAddress;
    return n;
  }

  /** The MMU's slow path for an access the loop could not serve: a refill when the lookup found no entry, else a translate. */
  private translateSlow(va: number, access: Access, entry: number): number {
    return entry < 0 ? this.mmu.refill(va, access) : this.mmu.translate(va, access);
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
