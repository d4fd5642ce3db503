// Who holds memory: per process with an address space, the frames its pages
// are in (and how many of those it shares), its pages in swap, its
// page-table frames, and its paging so far (the kernel's own per-process
// counters, as `--json` gives them). The frame map beside it shows where;
// this says how much.
import { framesOf, pageTableOf, type Kernel } from '../index.js';

export interface Residency {
  readonly pid: number;
  /** User frames that hold one of its pages (a shared frame counts for each sharer). */
  readonly resident: number;
  /** Of those, the frames another mapping shares. */
  readonly shared: number;
  /** Its pages in swap: page-table entries in the swapped state. */
  readonly swapped: number;
  /** Frames holding its page tables, the root included. */
  readonly tables: number;
  readonly pageFaults: number;
  readonly swapOuts: number;
  readonly swapIns: number;
}

/** Every process that still has an address space, by pid. */
export function residencyOf(k: Kernel): Residency[] {
  const frames = framesOf(k).frames;
  return k.processes.filter((p) => p.space !== undefined).map((p) => {
    let resident = 0, shared = 0, tables = 0;
    for (const f of frames) {
      if (!f.owners.includes(p.pid)) continue;
      if (f.use === 'user') { resident++; if (f.shares > 1) shared++; }
      else if (f.use === 'root_table' || f.use === 'page_table') tables++;
    }
    const s = p.stats;
    return { pid: p.pid, resident, shared, swapped: pageTableOf(k, p)?.swapped ?? 0, tables, pageFaults: s.pageFaults, swapOuts: s.swapOuts, swapIns: s.swapIns };
  }).sort((a, b) => a.pid - b.pid);
}
