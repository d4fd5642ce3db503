// The event trace the page shows: the kernel's events (EventSink) and the
// hardware's TLB misses, walks, fills and invalidations (the MMU and TLB
// observer hooks, which only the slow path calls; hits are not listed, as
// the fast CPU serves them without telling anyone). Bounded: the last
// CAPACITY events are kept, and a count of every kind ever seen.
import type { EventSink, KernelEvent } from '../index.js';

export const EVENT_CAPACITY = 2000;

export interface LoggedEvent {
  readonly seq: number;
  readonly cycle: number;
  readonly kind: string;
  /** The event's own fields (as in docs/trace.md), kind excluded. */
  readonly fields: Readonly<Record<string, number | string>>;
}

const FAULT_NAMES = ['none', 'not-present', 'protection'];
const ACCESS_NAMES = ['fetch', 'load', 'store'];

export class EventLog implements EventSink {
  private readonly ring: (LoggedEvent | undefined)[] = new Array(EVENT_CAPACITY);
  private seq = 0;
  readonly counts = new Map<string, number>();
  /** The newest event of each kind, however long ago (the frame map marks the last eviction and swap-in). */
  readonly last = new Map<string, LoggedEvent>();

  /** Per frame, the seq of its last frame_free: a mark about a frame (the last eviction's, swap-in's) goes once it is freed. At most one entry per frame. */
  private readonly freed = new Map<number, number>();

  /** Per swap slot, the seq of the last eviction written to it: a swap-in's mark about its slot goes once another page is. */
  private readonly written = new Map<number, number>();
  /** Whether the last swap-in's slot still held pages after it (a shared slot), or -1 before any. */
  private readLeftRefs = -1;

  /** `slotRefs`: how many references a swap slot holds now (the kernel's device), for the marks about slots. */
  constructor(private readonly cycles: () => number, private readonly slotRefs: (slot: number) => number = () => 0) {}

  emit(event: KernelEvent, cycle: number): void {
    const { kind, ...fields } = event;
    if (event.kind === 'frame_free') this.freed.set(event.frame, this.seq);
    if (event.kind === 'evict' && event.slot !== undefined) this.written.set(event.slot, this.seq);
    if (event.kind === 'swap_in') this.readLeftRefs = this.slotRefs(event.slot) > 0 ? 1 : 0;
    this.push(kind, cycle, fields as Record<string, number | string>);
  }

  /** True when `frame` was freed after event `e` (a process's end, another eviction): what `e` said of it is over. */
  freedSince(frame: number, e: LoggedEvent): boolean {
    return (this.freed.get(frame) ?? -1) > e.seq;
  }

  /**
   * The swap slots ringed as written last and read back last (-1: none).
   * Written last: while the slot is still in use (once freed, only a later
   * eviction takes it again, and that one is then the last). Read back last:
   * the read itself frees a slot of one page, so the ring stays on that free
   * slot, until the slot is written again or, shared, freed after the read.
   */
  ringedSlots(): { written: number; read: number } {
    const evict = this.last.get('evict');
    const swapIn = this.last.get('swap_in');
    const w = evict?.fields['slot'] === undefined ? -1 : Number(evict.fields['slot']);
    const r = swapIn === undefined ? -1 : Number(swapIn.fields['slot']);
    const writtenKept = w >= 0 && this.slotRefs(w) > 0;
    const readKept = r >= 0 && (this.written.get(r) ?? -1) < swapIn!.seq && (this.slotRefs(r) > 0 ? 1 : 0) === this.readLeftRefs;
    return { written: writtenKept ? w : -1, read: readKept ? r : -1 };
  }

  // HardwareObserver
  tlbHit(): void {}
  tlbMiss(vpn: number, asid: number, access: number): void {
    this.push('tlb_miss', this.cycles(), { vpn, asid, access: ACCESS_NAMES[access] ?? String(access) });
  }
  walk(vpn: number, pte: number, refs: number, fault: number): void {
    this.push('walk', this.cycles(), { vpn, pte, refs, fault: FAULT_NAMES[fault] ?? String(fault) });
  }
  tlbFill(vpn: number, asid: number, set: number, way: number, evictedVpn: number, evictedAsid: number): void {
    this.push('tlb_fill', this.cycles(), { vpn, asid, set, way, ...(evictedVpn >= 0 ? { evicted_vpn: evictedVpn, evicted_asid: evictedAsid } : {}) });
  }
  tlbInvalidate(scope: 'page' | 'asid' | 'all', vpn: number, asid: number): void {
    this.push('tlb_invalidate', this.cycles(), scope === 'page' ? { scope, vpn, asid } : scope === 'asid' ? { scope, asid } : { scope });
  }

  private push(kind: string, cycle: number, fields: Record<string, number | string>): void {
    const event = { seq: this.seq, cycle, kind, fields };
    this.ring[this.seq % EVENT_CAPACITY] = event;
    this.last.set(kind, event);
    this.seq++;
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
  }

  get total(): number {
    return this.seq;
  }

  /** The newest `limit` events whose kind passes `keep`, newest first. */
  latest(limit: number, keep: (kind: string) => boolean = () => true): LoggedEvent[] {
    const out: LoggedEvent[] = [];
    const oldest = Math.max(0, this.seq - EVENT_CAPACITY);
    for (let s = this.seq - 1; s >= oldest && out.length < limit; s--) {
      const e = this.ring[s % EVENT_CAPACITY]!;
      if (keep(e.kind)) out.push(e);
    }
    return out;
  }
}
