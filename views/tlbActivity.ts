// What the TLB's contents alone cannot tell: which entry was filled last and
// whose translation it pushed out. It listens on the TLB's observer hook
// (mmu/observer.ts), which only the slow path calls (fills and
// invalidations), so the fast path pays nothing more than its existing
// null check. Any observer already attached (the tracer) keeps being told.
import type { Access, FaultKind } from '../mmu/access.js';
import type { HardwareObserver } from '../mmu/observer.js';
import type { Kernel } from './machine.js';

export interface TlbFillRecord {
  readonly vpn: number;
  readonly asid: number;
  readonly set: number;
  readonly way: number;
  /** The translation this fill evicted, when the way was valid. */
  readonly victim?: { readonly vpn: number; readonly asid: number };
  /** Fills counted since the activity was attached, this one included. */
  readonly seq: number;
}

export class TlbActivity implements HardwareObserver {
  lastFill: TlbFillRecord | undefined;
  /** The last fill that evicted a valid translation. */
  lastEviction: TlbFillRecord | undefined;
  private fills = 0;

  constructor(private readonly next: HardwareObserver | undefined) {}

  /** Starts recording the TLB of `k`. */
  static attach(k: Kernel): TlbActivity {
    const tlb = k.machine.tlb;
    const activity = new TlbActivity(tlb.observer);
    tlb.observer = activity;
    return activity;
  }

  tlbFill(vpn: number, asid: number, set: number, way: number, evictedVpn: number, evictedAsid: number): void {
    const record: TlbFillRecord = {
      vpn, asid, set, way, seq: ++this.fills,
      ...(evictedVpn >= 0 ? { victim: { vpn: evictedVpn, asid: evictedAsid } } : {}),
    };
    this.lastFill = record;
    if (record.victim !== undefined) this.lastEviction = record;
    this.next?.tlbFill(vpn, asid, set, way, evictedVpn, evictedAsid);
  }

  tlbInvalidate(kind: 'page' | 'asid' | 'all', vpn: number, asid: number): void {
    this.next?.tlbInvalidate(kind, vpn, asid);
  }

  tlbHit(vpn: number, asid: number, entry: number, access: Access): void {
    this.next?.tlbHit(vpn, asid, entry, access);
  }

  tlbMiss(vpn: number, asid: number, access: Access): void {
    this.next?.tlbMiss(vpn, asid, access);
  }

  walk(vpn: number, pte: number, refs: number, fault: FaultKind): void {
    this.next?.walk(vpn, pte, refs, fault);
  }
}
