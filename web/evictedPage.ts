// Which page the last eviction took. The kernel's evict event names the
// frame, the owner and the swap slot, not the page; the page is the one
// whose entry in the owner's table now points at that slot. That holds for
// the newest eviction however long ago it was: a slot is handed out only by
// an eviction, so no later one can have given the slot to another page of
// the owner. Once the page is back in, no entry holds the slot and the
// page is not named; a clean page dropped leaves no trace to find it by.
import { pageTableOf, processByPid, type Kernel } from '../index.js';
import type { LoggedEvent } from './eventLog.js';

export interface EvictedPage {
  readonly pid: number;
  readonly vpn: number;
  readonly slot: number;
}

export function evictedPageOf(k: Kernel, evict: LoggedEvent | undefined): EvictedPage | undefined {
  if (evict === undefined || evict.fields['to'] !== 'swap') return undefined;
  const pid = Number(evict.fields['pid']);
  const slot = Number(evict.fields['slot']);
  const p = processByPid(k, pid);
  const view = p?.space === undefined ? undefined : pageTableOf(k, p);
  const leaf = view?.roots.flatMap((r) => r.leaves).find((l) => l.pte.state === 'swapped' && l.pte.slot === slot);
  return leaf === undefined ? undefined : { pid, vpn: leaf.vpn, slot };
}
