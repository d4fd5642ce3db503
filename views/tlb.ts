// The TLB as sets x ways: every entry with its tag, frame and rights, the
// entry used last (from the TLB's own LRU stamps, which the CPU keeps exact
// for every policy), the one filled last, and the last victim (from a
// TlbActivity, when one is attached).
import type { TlbRefill } from '../mmu/mmu.js';
import { PAGE_SHIFT } from '../mmu/page.js';
import { PTE_A, PTE_D, PTE_G, PTE_R, PTE_U, PTE_W, PTE_X } from '../mmu/pte.js';
import type { Kernel } from './machine.js';
import { rightsOf } from './pte.js';
import type { TlbActivity, TlbFillRecord } from './tlbActivity.js';

export interface TlbEntryView {
  readonly set: number;
  readonly way: number;
  /** Entry number: set * ways + way. */
  readonly entry: number;
  readonly valid: boolean;
  /** Only meaningful when valid. */
  readonly vpn: number;
  readonly asid: number;
  readonly global: boolean;
  readonly frame: number;
  readonly r: boolean;
  readonly w: boolean;
  readonly x: boolean;
  readonly u: boolean;
  readonly a: boolean;
  readonly d: boolean;
  /** "r-x"-style rights. */
  readonly rights: string;
}

export interface TlbView {
  readonly entries: number;
  readonly ways: number;
  readonly policy: string;
  readonly asidsEnabled: boolean;
  /** Who handles a miss: the MMU's walk, or the kernel's tlb_miss handler. */
  readonly refill: TlbRefill;
  /** The ASID the MMU tags with now. */
  readonly currentAsid: number;
  /** sets[s][w] */
  readonly sets: readonly (readonly TlbEntryView[])[];
  readonly valid: number;
  /** Entry most recently used (a hit or a fill), -1 when none is valid. */
  readonly lastUsed: number;
  /** Entry most recently filled, -1 when none is valid. */
  readonly lastFilled: number;
  readonly lastFill?: TlbFillRecord;
  /** The last fill that pushed a valid translation out. */
  readonly lastEviction?: TlbFillRecord;
  readonly hits: number;
  readonly misses: number;
  readonly evictions: number;
}

export function tlbOf(k: Kernel, activity?: TlbActivity): TlbView {
  const tlb = k.machine.tlb;
  const sets: TlbEntryView[][] = [];
  let valid = 0;
  let lastUsed = -1;
  let lastFilled = -1;
  for (let s = 0; s < tlb.sets; s++) {
    const row: TlbEntryView[] = [];
    for (let w = 0; w < tlb.ways; w++) {
      const e = s * tlb.ways + w;
      const ok = tlb.isValid(e);
      const f = tlb.flags[e]!;
      if (ok) {
        valid++;
        if (lastUsed < 0 || tlb.useStamp[e]! > tlb.useStamp[lastUsed]!) lastUsed = e;
        if (lastFilled < 0 || tlb.fillStamp[e]! > tlb.fillStamp[lastFilled]!) lastFilled = e;
      }
      const on = (b: number): boolean => ok && (f & b) !== 0;
      row.push({
        set: s, way: w, entry: e, valid: ok,
        vpn: tlb.vpns[e]! >>> 0, asid: tlb.asids[e]!, global: on(PTE_G), frame: tlb.frameBase[e]! >>> PAGE_SHIFT,
        r: on(PTE_R), w: on(PTE_W), x: on(PTE_X), u: on(PTE_U), a: on(PTE_A), d: on(PTE_D),
        rights: ok ? rightsOf(f) : '---',
      });
    }
    sets.push(row);
  }
  const stats = tlb.stats();
  return {
    entries: tlb.entries, ways: tlb.ways, policy: tlb.policy, asidsEnabled: tlb.asidsEnabled,
    refill: k.machine.mmu.softwareRefill ? 'software' : 'hardware',
    currentAsid: k.machine.mmu.currentAsid, sets, valid, lastUsed, lastFilled,
    ...(activity?.lastFill ? { lastFill: activity.lastFill } : {}),
    ...(activity?.lastEviction ? { lastEviction: activity.lastEviction } : {}),
    hits: stats.hits, misses: stats.misses, evictions: stats.evictions,
  };
}
