// The block engine's one window on the TLB. It keeps no books of its own:
// every stamp, clock move and hit count goes through the TLB's run
// operations (mmu/tlb.ts: beginRun, dataEntry, stampAtLeast, enterSlowData,
// endRun), the ones the interpreter's loop uses, so both engines keep the
// same books by the same code.
//
// The time scale is the interpreter's (cpu/cpu.ts): in a stretch that starts
// at clock c0, instruction i fetches at c0 + 4i + 1 and accesses data at
// c0 + 4i + 3; the slow path, when called, stamps with the clock set to
// c0 + 4i (fetch) or c0 + 4i + 2 (data) and ++clock. Only the order of the
// stamps decides a victim (lru, plru), so a stretch that ends and a new one
// that starts from the clock the first left keep every order. The
// interpreter never runs inside a stretch (engine.ts calls it between
// them), so the run the TLB keeps is the stretch's.
import type { Access } from '../../mmu/access.js';
import type { Mmu } from '../../mmu/mmu.js';
import { FETCH_NEEDS, LOAD_NEEDS, STORE_NEEDS, type Tlb } from '../../mmu/tlb.js';

export { FETCH_NEEDS, LOAD_NEEDS, STORE_NEEDS };

export class TlbBooks {
  private readonly frameBase: Int32Array;

  constructor(private readonly tlb: Tlb, private readonly mmu: Mmu) {
    this.frameBase = tlb.frameBase;
  }

  /** A stretch begins: the TLB's run starts at its clock, which is returned (the stretch's c0). */
  now(): number {
    this.tlb.beginRun();
    return this.tlb.clock;
  }

  /** The entry that holds `vpn` for `asid` with every bit of `needs`, or a negative answer (a miss, or rights the slow path must judge). Touches nothing. */
  find(vpn: number, asid: number, needs: number): number {
    return this.tlb.dataEntry(vpn, asid, needs);
  }

  /** Physical byte address of the page entry `e` maps. */
  base(e: number): number {
    return this.frameBase[e]!;
  }

  /** Entry `e` was last used at `time` (unless a later use is stamped already). */
  used(e: number, time: number): void {
    this.tlb.stampAtLeast(e, time);
  }

  /**
   * The MMU's slow path for instruction `index`'s data access, which the
   * TLB does not serve as a plain hit, called as the interpreter calls it:
   * a refill on a miss, else translate (rights, D). Returns the entry, or
   * -1 with mmu.lastFault set.
   */
  slowPath(va: number, access: Access, asid: number, index: number): number {
    this.tlb.enterSlowData(index);
    return this.tlb.lookup(va >>> 12, asid) < 0 ? this.mmu.refill(va, access) : this.mmu.translate(va, access);
  }

  /** Closes a stretch of `n` instructions in which `hits` accesses were served without the slow path, as the interpreter's run ends. */
  close(n: number, hits: number): void {
    this.tlb.endRun(hits, n);
  }
}
