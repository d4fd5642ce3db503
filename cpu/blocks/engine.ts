// The block engine (`--engine blocks`): runs compiled blocks (compiler.ts)
// from the code cache (codeCache.ts) and leaves to the interpreter, one
// instruction or the last few of a budget at a time, everything a block does
// not do itself: a fetch or data page that is not a TLB hit with the rights
// (the slow path: walk, refill, fault), a trap, rdcycle, and the tail of a
// budget or timer slice shorter than the next block.
//
// It runs in stretches. A stretch starts from the interpreter's state and
// clock, runs blocks with the interpreter's time scale and one-entry page
// caches (tlbBooks.ts), and ends by settling the same books the interpreter
// settles at the end of its run: the last use of each cached TLB entry, the
// hits served, the clock, pc and instret. So a run that mixes stretches and
// interpreted instructions counts, stamps and traps exactly as the
// interpreter alone would (the differential test, test/hw/blocks*.test.ts).
import { Page } from '../../mmu/page.js';
import type { Cpu } from '../cpu.js';
import { Access, FaultKind, type Trap, TrapCause } from '../trap.js';
import { Bail, BlockState } from './blockState.js';
import { CodeCache, type CodePage } from './codeCache.js';
import type { DataPages } from './compiler.js';
import { FETCH_NEEDS, LOAD_NEEDS, STORE_NEEDS, TlbBooks } from './tlbBooks.js';

/** How guest code runs: the interpreter's loop (cpu/cpu.ts), or compiled blocks with the interpreter for the rest. */
export type EngineName = 'interp' | 'blocks';
export const ENGINES: readonly EngineName[] = ['interp', 'blocks'];

/** What the engine did, for tests and the benchmark. */
export interface EngineCounts {
  /** Instructions run by compiled blocks (the rest ran in the interpreter). */
  blockInstructions: number;
  /** Blocks compiled. */
  compiled: number;
  /** Times the interpreter was called between stretches. */
  handoffs: number;
  /** Frames whose blocks were dropped (their words changed, or a store was about to change them). */
  readonly dropped: number;
}

export class BlockEngine implements DataPages {
  private readonly state = new BlockState();
  private readonly books: TlbBooks;
  private readonly cache: CodeCache;
  /** Instructions the interpreter must run after the stretch that just ended. */
  private want = 0;
  /** The stretch ended before an instruction no block runs (syscall, brk, rdcycle, privileged, illegal): none writes memory. */
  private unhandled = false;
  readonly counts: EngineCounts;

  constructor(private readonly cpu: Cpu) {
    this.books = new TlbBooks(cpu.tlb);
    const cache = new CodeCache(cpu.memory.words, cpu.memory.frames);
    this.cache = cache;
    this.counts = { blockInstructions: 0, compiled: 0, handoffs: 0, get dropped() { return cache.dropped; } };
  }

  /** Cpu.run with blocks: the same trap, pc, counts and TLB state. */
  run(budget: number): Trap | null {
    const cpu = this.cpu;
    // A misaligned pc (only the kernel sets one) traps in the interpreter before any fetch.
    if ((cpu.pc & 3) !== 0) return cpu.interpret(budget);
    // The kernel ran since the last run: any frame may hold other words now.
    this.cache.beginStretch();
    let left = budget;
    for (;;) {
      const limit = Math.min(left, cpu.timer.remaining);
      const n = this.stretch(limit);
      if (n === limit) {
        const expired = cpu.timer.advance(n);
        return expired ? timerTrap(cpu.pc) : null;
      }
      // n is below the timer's remaining count: this never expires it.
      cpu.timer.advance(n);
      left -= n;
      this.counts.handoffs++;
      const before = cpu.instret;
      const trap = cpu.interpret(Math.min(left, this.want));
      left -= cpu.instret - before;
      if (trap !== null || left <= 0) return trap;
      this.afterHandoff();
    }
  }

  /**
   * What the interpreter may have written in the handoff just made: nothing
   * (a load, a divide, an instruction no block runs), one store at a known
   * address, or, after instructions no block looked at, anything.
   */
  private afterHandoff(): void {
    const s = this.state;
    if (s.bail === Bail.Store) {
      const e = this.books.find(s.bailAddress >>> Page.Shift, s.asid, 0);
      if (e >= 0 && this.cache.holds(this.books.base(e) >>> Page.Shift)) this.cache.drop(this.books.base(e) >>> Page.Shift);
    } else if (s.bail !== Bail.Other && !this.unhandled) {
      this.cache.beginStretch();
    }
  }

  /** Runs blocks for at most `limit` instructions and settles the books; returns the instructions run. */
  private stretch(limit: number): number {
    const cpu = this.cpu;
    const s = this.state;
    const books = this.books;
    const cache = this.cache;
    const regs = cpu.regs;
    const words = cpu.memory.words;
    const bytes = cpu.memory.bytes;
    const c0 = books.now();
    const asid = cpu.mmu.currentAsid;
    s.begin(c0, asid, limit);
    this.unhandled = false;
    let pc = cpu.pc | 0;
    // The fetch page: its page number, TLB entry, physical base, code page and the first instruction run on it.
    let fVpn = -1, fEnt = 0, fBase = 0, fFirst = 0;
    let page: CodePage | undefined;
    this.want = 1;
    while (s.n < limit) {
      const vpn = pc >>> Page.Shift;
      if (vpn !== fVpn) {
        if (fVpn >= 0 && s.n > fFirst) books.used(fEnt, c0 + 4 * (s.n - 1) + 1);
        fVpn = -1;
        const e = books.find(vpn, asid, FETCH_NEEDS);
        if (e < 0) break;
        fVpn = vpn; fEnt = e; fBase = books.base(e); fFirst = s.n;
        const frame = fBase >>> Page.Shift;
        page = cache.page(frame);
        // A store cached to this frame must look again (and find the frame's code).
        if (s.storeVpn >= 0 && s.storeBase >>> Page.Shift === frame) this.forgetStorePage();
      }
      const slot = (pc & Page.OffsetMask) >>> 2;
      let block = page!.blocks[slot];
      if (block === undefined || block.pc !== pc) {
        block = page!.compile(slot, pc);
        this.counts.compiled++;
      }
      if (block.length === 0) { this.unhandled = true; break; }
      pc = block.run(regs, s, words, bytes, this);
      if (s.bail !== 0) {
        if (s.bail === Bail.Budget) this.want = limit - s.n;
        break;
      }
    }
    const n = s.n;
    if (fVpn >= 0 && n > fFirst) books.used(fEnt, c0 + 4 * (n - 1) + 1);
    if (s.loadVpn >= 0 && s.loadLast >= 0) books.used(s.loadEntry, c0 + 4 * s.loadLast + 3);
    if (s.storeVpn >= 0 && s.storeLast >= 0) books.used(s.storeEntry, c0 + 4 * s.storeLast + 3);
    books.close(c0, n, n + s.data);
    this.counts.blockInstructions += n;
    cpu.pc = pc >>> 0;
    cpu.instret += n;
    return n;
  }

  loadPage(s: BlockState, vpn: number, last: number): boolean {
    const e = this.books.find(vpn, s.asid, LOAD_NEEDS);
    if (e < 0) return false;
    if (s.loadVpn >= 0 && last >= 0) this.books.used(s.loadEntry, s.c0 + 4 * last + 3);
    s.loadVpn = vpn; s.loadEntry = e; s.loadBase = this.books.base(e); s.loadLast = -1;
    return true;
  }

  storePage(s: BlockState, vpn: number, last: number): boolean {
    const e = this.books.find(vpn, s.asid, STORE_NEEDS);
    if (e < 0) return false;
    const base = this.books.base(e);
    const frame = base >>> Page.Shift;
    if (this.cache.holds(frame)) {
      // A store into compiled code: forget it and let the interpreter store.
      this.cache.drop(frame);
      return false;
    }
    if (s.storeVpn >= 0 && last >= 0) this.books.used(s.storeEntry, s.c0 + 4 * last + 3);
    s.storeVpn = vpn; s.storeEntry = e; s.storeBase = base; s.storeLast = -1;
    return true;
  }

  /** Settles the store page's last use and empties the store cache. */
  private forgetStorePage(): void {
    const s = this.state;
    if (s.storeLast >= 0) this.books.used(s.storeEntry, s.c0 + 4 * s.storeLast + 3);
    s.storeVpn = -1;
    s.storeLast = -1;
  }
}

function timerTrap(pc: number): Trap {
  return { cause: TrapCause.Timer, pc: pc >>> 0, access: Access.Fetch, address: 0, fault: FaultKind.None };
}

/** Makes `cpu.run` use a block engine (unless a slow runner is set: the reference CPU comes first). */
export function attachBlockEngine(cpu: Cpu): BlockEngine {
  const engine = new BlockEngine(cpu);
  cpu.engine = (_cpu, budget) => engine.run(budget);
  return engine;
}
