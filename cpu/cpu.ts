// The CPU: fetch, decode and execute in user mode, every fetch, load and
// store translated by the MMU (SPEC sections 2, 5, 6, 8).
//
// Speed: the loop keeps its hot state in locals and remembers the last page
// it translated for fetches and the last one for data (a one-entry cache in
// front of the simulated TLB, per access kind). Statistics and replacement
// stay exact: every access counts as a TLB access and stamps its entry for
// LRU on one time scale with the MMU's slow path; the TLB keeps those books
// through its run operations (mmu/tlb.ts: beginRun, fetchHit, lookup,
// stampData, settleFetch, enterSlowFetch/Data, endRun). The fetch entry's
// stamp is deferred until its order can matter: before any slow-path call
// (which may choose a victim), when the fetch page changes, and when the run
// stops. An instruction commits nothing until its translations succeeded,
// so every trap is precise. Measured by bench/ ("dispatch", "tlb hit"): the
// per-fetch stamp cost ~25% of dispatch.
//
// Cold speed (issue 18, docs/benchmarks.md "The CPU loop from its first instruction"): V8 throws optimised
// code away when it reaches a bytecode that never ran before it was
// compiled. So a trap only records its cause in locals and leaves the loop
// (run() builds it), and before the loop can get hot a short
// rehearsal (cpu/rehearsal.ts) takes every path of the loop once on a
// private machine, so that the real run's first optimisation of the loop is
// its last.
import { Mmu } from '../mmu/mmu.js';
import { Page } from '../mmu/page.js';
import { PhysicalMemory } from '../mmu/physicalMemory.js';
import { Needs, Tlb, TLB_ABSENT } from '../mmu/tlb.js';
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

/**
 * Why loop() returned, besides a TrapCause: the budget or timer ran out,
 * or a translation failed (mmu.lastFault says why). Numbers, so that the
 * loop's exits need no type feedback.
 */
const enum Exit {
  RanOut = -1,
  Failed = -2,
}

/**
 * The rehearsal runs once per process, before the interpreter's loop can
 * get hot: at the first interpret() when the interpreter runs everything,
 * and after REHEARSE_AFTER of its work (instructions plus calls) when the
 * block engine hands it only what blocks leave (a budget's tail, a fetch
 * miss, a syscall). The 500K sieve gives it ~680 calls and ~2,600
 * instructions, and V8 optimises the loop within them: with 8,192 the
 * rehearsal came too late in 1 of 8 traced runs, and a load the loop first
 * met after its optimisation threw the code away (`npm run bench:deopt`).
 * 1,024 comes before that, at no measurable cost (the sieve's whole process,
 * 21 interleaved runs: 109.3 against 109.2 ms; docs/engine.md).
 */
let rehearsed = false;
let interpreterWork = 0;
export const REHEARSE_AFTER = 1024;

function rehearseNow(): void {
  rehearsed = true;
  rehearse((m, t, u, period) => new Cpu(m, t, u, DEFAULT_CYCLE_COSTS, period));
}

/** True once this process has rehearsed (for tests). */
export function hasRehearsed(): boolean {
  return rehearsed;
}

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
  /** When set (and slowRunner is not), run() delegates to it: the block engine (cpu/blocks/), which calls interpret() for what it leaves to the interpreter. */
  engine: ((cpu: Cpu, budget: number) => Trap | null) | undefined;
  private readonly mustBeZero = MUST_BE_ZERO;

  /** Why the last loop() returned, and the access and address a trap reports. */
  private exit: Exit | TrapCause = Exit.RanOut;
  private exitAccess = Access.Fetch;
  private exitAddress = 0;

  constructor(
    readonly memory: PhysicalMemory,
    readonly tlb: Tlb,
    readonly mmu: Mmu,
    readonly costs: CycleCosts,
    timerPeriod: number,
  ) {
    this.timer = new Timer(timerPeriod);
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
    if (this.engine !== undefined) return this.engine(this, budget);
    return this.interpret(budget);
  }

  /** The interpreter's loop: run() without the delegation. */
  interpret(budget: number): Trap | null {
    if (!rehearsed && (this.engine === undefined || interpreterWork >= REHEARSE_AFTER)) rehearseNow();
    // Only the kernel sets pc directly; a misaligned one faults like a misaligned jump.
    if ((this.pc & 3) !== 0) return makeTrap(TrapCause.Misaligned, this.pc, Access.Fetch, this.pc);
    const limit = Math.min(budget, this.timer.remaining);
    const n = this.loop(limit);
    if (!rehearsed) interpreterWork += n + 1;
    const exit = this.exit;
    this.instret += n;
    const trap = exit === Exit.RanOut ? null
      : exit === Exit.Failed ? this.pageFault(this.pc, this.exitAccess, this.exitAddress)
      : makeTrap(exit, this.pc, this.exitAccess, this.exitAddress);
    return this.settleTimer(n, trap);
  }

  /**
   * The end of a run of `n` instructions that stopped with `trap` (or none):
   * the timer counts them; a trap goes first and an expiry with it waits for
   * the next run (the timer's `remaining` is re-armed already), else an
   * expiry is the Timer trap. The block engine ends its runs here too.
   */
  settleTimer(n: number, trap: Trap | null): Trap | null {
    const expired = this.timer.advance(n);
    if (trap !== null) {
      if (expired) this.timer.holdExpiry();
      return trap;
    }
    return expired ? makeTrap(TrapCause.Timer, this.pc) : null;
  }

  /**
   * The loop: runs up to `limit` instructions from pc and returns how many
   * it executed (a syscall counts; a trapping instruction does not), with pc
   * at the next instruction (or at the one that trapped) and the reason in
   * `exit`. It keeps the TLB's books of the hits it served itself.
   */
  private loop(limit: number): number {
    const regs = this.regs;
    const words = this.memory.words;
    const bytes = this.memory.bytes;
    const tlb = this.tlb;
    const tbase = tlb.frameBase;
    const tflags = tlb.flags;
    const mbz = this.mustBeZero;
    const rMask = R_MUST_BE_ZERO;
    const asid = this.mmu.currentAsid;
    let pc = this.pc | 0;
    let exit: Exit | TrapCause = Exit.RanOut;
    let exitAccess = Access.Fetch;
    let exitAddress = 0;
    let n = 0;
    // The one-entry caches: the fetch page (its number, TLB entry, physical
    // base), and the data page: one entry for loads and stores, with the
    // entry's rights, which say whether this kind of access may use it. And
    // the books: hits served here, slow fetches made (the slow path counts
    // its own accesses).
    let fVpn = -1, fEnt = -1, fBase = 0;
    let dVpn = -1, dEnt = -1, dBase = 0, dFlags = 0;
    let fastHits = 0;
    let slowFetches = 0;
    tlb.beginRun();

    loop: while (n < limit) {
      // ---- fetch
      const pvpn = pc >>> Page.Shift;
      if (pvpn !== fVpn) {
        let e = tlb.fetchHit(pvpn, asid, fVpn >= 0 ? fEnt : -1, n);
        if (e < 0) {
          // The old fetch page was last used by the previous instruction.
          if (fVpn >= 0) tlb.settleFetch(fEnt, n - 1);
          fVpn = -1;
          tlb.enterSlowFetch(n);
          slowFetches++;
          e = (e === TLB_ABSENT ? this.mmu.refill(pc, Access.Fetch) : this.mmu.translate(pc, Access.Fetch)) | 0;
          if (e < 0) { exit = Exit.Failed; exitAddress = pc; break; }
          if (e === dEnt) dVpn = -1;
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
        exit = TrapCause.IllegalInstruction;
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
          if (b === 0) { exit = TrapCause.DivideByZero; break loop; }
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

        // Loads and stores: one access path (the data page's entry), then the transfer.
        case Op.LW: case Op.LB: case Op.LBU: case Op.SW: case Op.SB: {
          const va = (regs[rs1]! + ((w << 16) >> 16)) | 0;
          const load = op < Op.SW;
          if ((op & 7) === 0 && (va & 3) !== 0) {
            exit = TrapCause.Misaligned; exitAccess = load ? Access.Load : Access.Store; exitAddress = va;
            break loop;
          }
          const vpn = va >>> Page.Shift;
          const needs = load ? Needs.Load : Needs.Store;
          if (vpn !== dVpn || (dFlags & needs) !== needs) {
            // The TLB's entry and its rights, read once: the check is the
            // loop's, so that the entry's flags are loaded a single time.
            let e = tlb.lookup(vpn, asid);
            let flags = e < 0 ? 0 : tflags[e]!;
            if ((flags & needs) !== needs) {
              // The slow path may choose a victim: the fetch page's stamp must be current.
              if (fVpn >= 0) tlb.settleFetch(fEnt, n);
              dVpn = -1;
              tlb.enterSlowData(n);
              const access = load ? Access.Load : Access.Store;
              // `| 0`: an int32 for V8, so the entry needs no tag checks where the paths meet.
              e = (e < 0 ? this.mmu.refill(va, access) : this.mmu.translate(va, access)) | 0;
              if (e < 0) { exit = Exit.Failed; exitAccess = access; exitAddress = va; break loop; }
              if (e === fEnt) fVpn = -1;
              flags = tflags[e]!;
              // The slow path counted and stamped this access: the lines below count it once more.
              fastHits--;
            }
            dVpn = vpn; dEnt = e; dBase = tbase[e]!; dFlags = flags;
          }
          tlb.stampData(dEnt, n);
          fastHits++;
          const pa = dBase | (va & Page.OffsetMask);
          if (op === Op.LW) regs[rd] = words[pa >>> 2]!;
          else if (op === Op.SW) words[pa >>> 2] = regs[rd]!;
          else if (op === Op.LB) regs[rd] = (bytes[pa]! << 24) >> 24;
          else if (op === Op.LBU) regs[rd] = bytes[pa]!;
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
          if ((target & 3) !== 0) { exit = TrapCause.Misaligned; exitAddress = target; break loop; }
          regs[rd] = next;
          next = target;
          break;
        }

        case Op.SYSCALL: n++; exit = TrapCause.Syscall; break loop;
        case Op.BRK: exit = TrapCause.Breakpoint; break loop;
        case Op.RDCYCLE: regs[rd] = this.cycleLow32() + n; break;
        // Legal but not in user mode (isa.ts marks them), or unassigned.
        default: exit = PRIVILEGED[op] === 1 ? TrapCause.PrivilegedInstruction : TrapCause.IllegalInstruction; break loop;
      }
      regs[0] = 0;
      pc = next;
      n++;
    }

    regs[0] = 0;
    // Settle the books: the fetch page's last use, the hits served here, the
    // clock. Every trap but a syscall stopped after its instruction's fetch
    // and before the instruction counted.
    const trappedAfterFetch = exit !== Exit.RanOut && exit !== TrapCause.Syscall;
    if (fVpn >= 0) tlb.settleFetch(fEnt, trappedAfterFetch ? n : n - 1);
    tlb.endRun(n + (trappedAfterFetch ? 1 : 0) - slowFetches + fastHits, n);
    this.pc = pc >>> 0;
    this.exit = exit; this.exitAccess = exitAccess; this.exitAddress = exitAddress;
    return n;
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
