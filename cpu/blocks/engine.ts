// The block engine (`--engine blocks`, docs/engine.md): runs compiled blocks
// (compiler.ts) from the code cache (codeCache.ts) and leaves to the
// interpreter, one instruction or the last few of a budget at a time,
// everything a block does not do itself: a fetch page that is not a TLB hit
// with the rights, a trap other than a data fault, syscall, brk, rdcycle,
// and the tail of a budget or timer slice shorter than the next block. A
// block's data access off its cached page comes back here (loadPage,
// storePage), which takes the MMU's slow path as the interpreter would.
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
import { Access, type Trap } from '../trap.js';
import { Bail, BlockState } from './blockState.js';
import { CodeCache, type CodePage } from './codeCache.js';
import { DEFAULT_REGION_BLOCKS, PageAnswer, type Block, type DataPages } from './compiler.js';
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

/**
 * A word is compiled once the engine has reached it `hotAfter` times with no
 * block there (default 2); before, the interpreter runs COLD_RUN
 * instructions from it. Code that runs once or twice (start-up, printing)
 * is not worth a compile (~20-50 µs each), and a guest that jumps to ever
 * new words cannot make the host compile at every instruction.
 */
export const DEFAULT_HOT_AFTER = 2;
const COLD_RUN = 16;

export interface BlockEngineOptions {
  /** Most blocks compiled into one function (compiler.ts); default 1. */
  readonly regionBlocks?: number;
  /** Times a word is reached before it is compiled; 0 compiles at once. */
  readonly hotAfter?: number;
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

  private readonly hotAfter: number;

  constructor(private readonly cpu: Cpu, options: BlockEngineOptions = {}) {
    this.books = new TlbBooks(cpu.tlb, cpu.mmu);
    this.hotAfter = options.hotAfter ?? DEFAULT_HOT_AFTER;
    const cache = new CodeCache(cpu.memory.words, cpu.memory.frames, options.regionBlocks ?? DEFAULT_REGION_BLOCKS);
    this.cache = cache;
    this.counts = { blockInstructions: 0, compiled: 0, handoffs: 0, get dropped() { return cache.dropped; } };
  }

  /** Cpu.run with blocks: the same trap, pc, counts and TLB state. */
  run(budget: number): Trap | null {
    const cpu = this.cpu;
    const s = this.state;
    // A misaligned pc (only the kernel sets one) traps in the interpreter before any fetch.
    if ((cpu.pc & 3) !== 0) return cpu.interpret(budget);
    // The kernel ran since the last run: any frame may hold other words now.
    this.cache.beginStretch();
    let left = budget;
    for (;;) {
      const limit = Math.min(left, cpu.timer.remaining);
      const n = this.stretch(limit);
      if (n === limit) return cpu.settleTimer(n, null);
      // n is below the timer's remaining count: this never expires it.
      cpu.timer.advance(n);
      if (s.bail === Bail.Fault) return cpu.pageFault(cpu.pc | 0, s.faultAccess as Access, s.faultAddress);
      left -= n;
      this.counts.handoffs++;
      const before = cpu.instret;
      const trap = cpu.interpret(Math.min(left, this.want));
      left -= cpu.instret - before;
      if (trap !== null || left <= 0) return trap;
      // Instructions no block looked at (a fetch that missed, a budget's tail) may have written code.
      if (s.bail !== Bail.Other && !this.unhandled) this.cache.beginStretch();
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
    // The fetch page: its page number, TLB entry, code page and the first instruction run on it.
    let fVpn = -1, fEnt = 0, fFirst = 0;
    let page: CodePage | undefined;
    this.want = 1;
    while (s.n < limit) {
      const vpn = pc >>> Page.Shift;
      if (vpn !== fVpn) {
        if (fVpn >= 0 && s.n > fFirst) books.used(fEnt, c0 + 4 * (s.n - 1) + 1);
        fVpn = -1;
        s.fetchValid = 0;
        const e = books.find(vpn, asid, FETCH_NEEDS);
        if (e < 0) break;
        fVpn = vpn; fEnt = e; fFirst = s.n;
        s.fetchEntry = e; s.fetchValid = 1;
        const frame = books.base(e) >>> Page.Shift;
        page = cache.page(frame);
        // A store cached to this frame must look again (and find the frame's code).
        if (s.storeVpn >= 0 && s.storeBase >>> Page.Shift === frame) this.forgetStorePage();
      }
      const slot = (pc & Page.OffsetMask) >>> 2;
      let block = page!.blocks[slot];
      if (block === undefined || block.pc !== pc) {
        // Code reached once or twice is not worth compiling: the interpreter runs a few instructions.
        if (page!.heat[slot]! < this.hotAfter) {
          page!.heat[slot]!++;
          this.want = COLD_RUN;
          break;
        }
        block = page!.compile(slot, pc);
        cache.noteCompiled();
        this.counts.compiled++;
      }
      if (block.length === 0) { this.unhandled = true; break; }
      pc = block.run(regs, s, words, bytes, this);
      if (s.bail === 0 && s.refetch === 0) pc = runOnPage(page!.blocks, fVpn, pc, limit, regs, s, words, bytes, this);
      if (s.bail !== 0) {
        if (s.bail === Bail.Budget) this.want = limit - s.n;
        break;
      }
      if (s.refetch !== 0) {
        // Its entry now maps data, or its code was dropped: look the page up again.
        s.refetch = 0;
        if (s.fetchValid !== 0 && s.n > fFirst) books.used(fEnt, c0 + 4 * (s.n - 1) + 1);
        fVpn = -1;
        s.fetchValid = 0;
      }
    }
    const n = s.n;
    if (fVpn >= 0 && s.fetchValid !== 0 && n > fFirst) books.used(fEnt, c0 + 4 * (n - 1) + 1);
    if (s.loadVpn >= 0 && s.loadLast >= 0) books.used(s.loadEntry, c0 + 4 * s.loadLast + 3);
    if (s.storeVpn >= 0 && s.storeLast >= 0) books.used(s.storeEntry, c0 + 4 * s.storeLast + 3);
    // A faulting access's instruction was fetched: its fetch is a hit, as in the interpreter.
    books.close(n, n + s.data + (s.bail === Bail.Fault ? 1 : 0));
    this.counts.blockInstructions += n;
    cpu.pc = pc >>> 0;
    cpu.instret += n;
    return n;
  }

  loadPage(s: BlockState, va: number, index: number, loadLast: number, storeLast: number): PageAnswer {
    const e = this.books.find(va >>> Page.Shift, s.asid, LOAD_NEEDS);
    if (e < 0) return this.slowData(s, va, Access.Load, index, loadLast, storeLast);
    if (s.loadVpn >= 0 && loadLast >= 0) this.books.used(s.loadEntry, s.c0 + 4 * loadLast + 3);
    s.loadVpn = va >>> Page.Shift; s.loadEntry = e; s.loadBase = this.books.base(e); s.loadLast = -1;
    return PageAnswer.Cached;
  }

  storePage(s: BlockState, va: number, index: number, loadLast: number, storeLast: number): PageAnswer {
    const e = this.books.find(va >>> Page.Shift, s.asid, STORE_NEEDS);
    if (e < 0) return this.slowData(s, va, Access.Store, index, loadLast, storeLast);
    if (s.storeVpn >= 0 && storeLast >= 0) this.books.used(s.storeEntry, s.c0 + 4 * storeLast + 3);
    this.cacheStore(s, va, e);
    return this.storesIntoCode(s) ? PageAnswer.CachedThenLeave : PageAnswer.Cached;
  }

  private cacheStore(s: BlockState, va: number, e: number): void {
    s.storeVpn = va >>> Page.Shift; s.storeEntry = e; s.storeBase = this.books.base(e); s.storeLast = -1;
  }

  /** A store into a frame that holds blocks: they are dropped, and the block leaves after the store. */
  private storesIntoCode(s: BlockState): boolean {
    const frame = s.storeBase >>> Page.Shift;
    if (!this.cache.holds(frame)) return false;
    this.cache.drop(frame);
    s.refetch = 1;
    return true;
  }

  /**
   * The access the TLB does not serve as a plain hit, as the interpreter
   * makes it: every lazy stamp brought up to date first (the slow path may
   * choose a victim by them), then the MMU's slow path at the interpreter's
   * clock. A fill may take the entry another cache holds, the fetch page's
   * included, which then must be looked up again after this instruction.
   */
  private slowData(s: BlockState, va: number, access: Access, index: number, loadLast: number, storeLast: number): PageAnswer {
    const books = this.books;
    const c0 = s.c0;
    if (s.fetchValid !== 0) books.used(s.fetchEntry, c0 + 4 * index + 1);
    if (s.loadVpn >= 0 && loadLast >= 0) books.used(s.loadEntry, c0 + 4 * loadLast + 3);
    if (s.storeVpn >= 0 && storeLast >= 0) books.used(s.storeEntry, c0 + 4 * storeLast + 3);
    const e = books.slowPath(va, access, s.asid, index);
    if (e < 0) {
      s.bail = Bail.Fault;
      s.faultAccess = access;
      s.faultAddress = va;
      return PageAnswer.Fault;
    }
    // The slow path counted this access itself.
    s.data--;
    let leave = false;
    if (s.fetchValid !== 0 && s.fetchEntry === e) {
      s.fetchValid = 0;
      s.refetch = 1;
      leave = true;
    }
    if (access === Access.Load) {
      if (s.storeVpn >= 0 && s.storeEntry === e) { s.storeVpn = -1; s.storeLast = -1; }
      s.loadVpn = va >>> Page.Shift; s.loadEntry = e; s.loadBase = books.base(e); s.loadLast = -1;
      return leave ? PageAnswer.CachedThenLeave : PageAnswer.Cached;
    }
    if (s.loadVpn >= 0 && s.loadEntry === e) { s.loadVpn = -1; s.loadLast = -1; }
    this.cacheStore(s, va, e);
    return this.storesIntoCode(s) || leave ? PageAnswer.CachedThenLeave : PageAnswer.Cached;
  }

  /** Settles the store page's last use and empties the store cache. */
  private forgetStorePage(): void {
    const s = this.state;
    if (s.storeLast >= 0) this.books.used(s.storeEntry, s.c0 + 4 * s.storeLast + 3);
    s.storeVpn = -1;
    s.storeLast = -1;
  }
}

/**
 * The stretch's common case in a function of its own: block after block of
 * one code page, while each is compiled, the page stays the fetch page and
 * no block bailed or asked for a refetch. It returns the next pc to the
 * stretch, which handles everything else (a page change, a compile, a bail).
 * Small, so that V8 optimises it soon and in ~1 ms: the stretch itself
 * inlines the TLB's books and the code cache and takes 15-35 ms to compile,
 * and a program that returns to the dispatcher often (a loop of several
 * blocks) ran through the unoptimised stretch until then (docs/benchmarks.md,
 * "Cold runs with the block engine").
 */
function runOnPage(blocks: readonly (Block | undefined)[], vpn: number, pc: number, limit: number, regs: Int32Array, s: BlockState, words: Int32Array, bytes: Uint8Array, h: DataPages): number {
  while (s.n < limit && pc >>> Page.Shift === vpn) {
    const block = blocks[(pc & Page.OffsetMask) >>> 2];
    if (block === undefined || block.pc !== pc || block.length === 0) break;
    pc = block.run(regs, s, words, bytes, h);
    if (s.bail !== 0 || s.refetch !== 0) break;
  }
  return pc;
}

/**
 * True where JavaScript can be compiled at run time: a page served with a
 * Content-Security-Policy without 'unsafe-eval' forbids `new Function`, and
 * there the machine runs on the interpreter (same results, docs/engine.md).
 */
export function canCompileBlocks(): boolean {
  try {
    return new Function('return 1')() === 1;
  } catch {
    return false;
  }
}

/** Makes `cpu.run` use a block engine (unless a slow runner is set: the reference CPU comes first). */
export function attachBlockEngine(cpu: Cpu, options: BlockEngineOptions = {}): BlockEngine {
  const engine = new BlockEngine(cpu, options);
  cpu.engine = (_cpu, budget) => engine.run(budget);
  return engine;
}
