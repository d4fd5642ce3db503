// The block engine's one window on the TLB's internals: every read or write
// of its arrays, clock and counters that the engine makes goes through here,
// so that a change to the TLB's bookkeeping (mmu/tlb.ts) is adapted in this
// file alone.
//
// The time scale is the interpreter's (cpu/cpu.ts): in a stretch that starts
// at clock c0, instruction i fetches at c0 + 4i + 1 and accesses data at
// c0 + 4i + 3; the slow path, when called, stamps with the clock set to
// c0 + 4i (fetch) or c0 + 4i + 2 (data) and ++clock. Only the order of the
// stamps decides a victim (lru, plru), so a stretch that ends and a new one
// that starts from the clock the first left keep every order.
import type { Access } from '../../mmu/access.js';
import type { Mmu } from '../../mmu/mmu.js';
import { FETCH_NEEDS, LOAD_NEEDS, STORE_NEEDS, type Tlb } from '../../mmu/tlb.js';

export { FETCH_NEEDS, LOAD_NEEDS, STORE_NEEDS };

export class TlbBooks {
  private readonly flags: Uint8Array;
  private readonly frameBase: Int32Array;
  private readonly useStamp: Float64Array;

  constructor(private readonly tlb: Tlb, private readonly mmu: Mmu) {
    this.flags = tlb.flags;
    this.frameBase = tlb.frameBase;
    this.useStamp = tlb.useStamp;
  }

  /** The clock a stretch starts from (its c0). */
  now(): number {
    return this.tlb.clock;
  }

  /** The entry that holds `vpn` for `asid` with every bit of `needs`, or -1 (a miss, or rights the slow path must judge). Touches nothing. */
  find(vpn: number, asid: number, needs: number): number {
    const e = this.tlb.lookup(vpn, asid);
    return e >= 0 && (this.flags[e]! & needs) === needs ? e : -1;
  }

  /** Physical byte address of the page entry `e` maps. */
  base(e: number): number {
    return this.frameBase[e]!;
  }

  /** Entry `e` was last used at `time` (unless a later use is stamped already). */
  used(e: number, time: number): void {
    if (this.useStamp[e]! < time) this.useStamp[e] = time;
  }

  /**
   * The MMU's slow path for an access the TLB does not serve as a plain hit,
   * called as the interpreter calls it, with the clock at `clock` (c0 + 4i +
   * 2 for data): a refill on a miss, else translate (rights, D). Returns the
   * entry, or -1 with mmu.lastFault set.
   */
  slowPath(va: number, access: Access, asid: number, clock: number): number {
    this.tlb.clock = clock;
    return this.tlb.lookup(va >>> 12, asid) < 0 ? this.mmu.refill(va, access) : this.mmu.translate(va, access);
  }

  /**
   * Closes a stretch of `n` instructions that started at `c0`, in which
   * `hits` accesses were served from the TLB without the slow path: counts
   * them and moves the clock past the stretch, as the interpreter does.
   */
  close(c0: number, n: number, hits: number): void {
    this.tlb.endStretch(c0, hits, n);
  }
}
