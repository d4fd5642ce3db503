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

/** Every process that still has an address space, by pid. One pass over the frames: 262 144 of them times a fork's many processes would stall a redraw. */
export function residencyOf(k: Kernel): Residency[] {
  const held = new Map<number, { resident: number; shared: number; tables: number }>();
  const of = (pid: number) => { let h = held.get(pid); if (h === undefined) held.set(pid, h = { resident: 0, shared: 0, tables: 0 }); return h; };
  for (const f of framesOf(k).frames) {
    if (f.use === 'user') for (const pid of f.owners) { const h = of(pid); h.resident++; if (f.shares > 1) h.shared++; }
    else if (f.use === 'root_table' || f.use === 'page_table') for (const pid of f.owners) of(pid).tables++;
  }
  return k.processes.filter((p) => p.space !== undefined).map((p) => {
    const h = held.get(p.pid) ?? { resident: 0, shared: 0, tables: 0 };
    const s = p.stats;
    return { pid: p.pid, ...h, swapped: pageTableOf(k, p)?.swapped ?? 0, pageFaults: s.pageFaults, swapOuts: s.swapOuts, swapIns: s.swapIns };
  }).sort((a, b) => a.pid - b.pid);
}
