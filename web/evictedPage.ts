// Which page the last eviction took, and where it is now. The kernel's
// evict event names the page (vpn, of the mapping its pid names: the first
// sharer's), so a clean page that was dropped is named as well as one
// written to swap. Where it is now is read from the owner's table: still in
// the slot it was written to, in a frame again, or (dropped, not touched
// since) no entry at all.
import { pageTableOf, processByPid, type Kernel } from '../index.js';
import type { LoggedEvent } from './eventLog.js';
import { hex } from './format.js';

export interface EvictedPage {
  readonly pid: number;
  readonly vpn: number;
  readonly to: 'swap' | 'drop';
  /** The slot it was written to, for a page that went to swap. */
  readonly slot?: number;
  /** Its entry now: still swapped to that slot, present again, or none (dropped and not made again). */
  readonly now: 'in-slot' | 'present' | 'none';
}

/** The last eviction's page; undefined when there was none or its owner has ended (its tables are gone). */
export function evictedPageOf(k: Kernel, evict: LoggedEvent | undefined): EvictedPage | undefined {
  if (evict === undefined) return undefined;
  const pid = Number(evict.fields['pid']);
  const vpn = Number(evict.fields['vpn']);
  const p = processByPid(k, pid);
  const view = p?.space === undefined ? undefined : pageTableOf(k, p);
  if (view === undefined) return undefined;
  const leaf = view.roots.flatMap((r) => r.leaves).find((l) => l.vpn === vpn);
  const swapped = evict.fields['to'] === 'swap';
  const slot = swapped ? Number(evict.fields['slot']) : undefined;
  const now = leaf === undefined ? 'none'
    : leaf.pte.state === 'swapped' && leaf.pte.slot === slot ? 'in-slot'
    : leaf.pte.state === 'present' ? 'present' : 'none';
  return { pid, vpn, to: swapped ? 'swap' : 'drop', ...(slot === undefined ? {} : { slot }), now };
}

/** The line over the owner's page table: the page, where it went, where it is now. */
export function evictedPageText(e: EvictedPage): string {
  const went = e.to === 'swap' ? `written to swap slot ${e.slot}` : 'clean, so dropped without a write';
  const page = `last eviction: page ${hex((e.vpn << 12) >>> 0)}`;
  switch (e.now) {
    case 'in-slot': return `${page}, now in swap slot ${e.slot} (ringed below)`;
    case 'present': return `${page}, ${went}, since back in memory (ringed below)`;
    case 'none': return `${page}, ${went} (no entry now)`;
  }
}
