// Who holds memory: per process with an address space, the frames its pages
// are in (and how many of those it shares), its pages in swap, its
// page-table frames, and its paging so far (the kernel's own per-process
// counters, as `--json` gives them). The frame map beside it shows where;
// this says how much. Ended processes keep a row: how they ended and their
// paging to the end, so that a run watched to its end still shows who was
// killed and what it did.
import { framesOf, KILL_REASON_NAMES, pageTableOf, type Kernel } from '../index.js';
import type { Process } from '../kernel/process.js';
import { count } from './format.js';

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

/** A process that has ended: how, in words, and its paging to the end (its frames and slots are free by then). */
export interface EndedResidency {
  readonly pid: number;
  /** `exit 0`, `killed: CAUSE (REASON[, in REGION])` (an out-of-memory victim with what it held), or `killed by pid N (kill_syscall)`. */
  readonly end: string;
  readonly pageFaults: number;
  readonly swapOuts: number;
  readonly swapIns: number;
  /** The most of its pages it ever had in frames at once (`peak_resident_pages` in `--json`). */
  readonly peakResident: number;
}

/** Ended processes listed at most besides the run's own programs (the newest to end); the rest are counted. */
export const ENDED_SHOWN = 20;

function endWords(p: Process): string {
  const d = p.kill;
  if (d === undefined) return `exit ${p.exitCode ?? 0}`;
  const reason = `${KILL_REASON_NAMES[d.reason]}${d.region !== undefined ? `, in ${d.region}` : ''}`;
  if (d.killer !== undefined) return `killed by pid ${d.killer} (${reason})`;
  const held = d.frames !== undefined && d.swapSlots !== undefined ? `, holding ${count(d.frames, 'frame')} and ${count(d.swapSlots, 'swap slot')}` : '';
  return `killed: ${d.cause} (${reason})${held}`;
}

/**
 * The ended processes, by pid: every one of the run's own programs (pids
 * 1..`programs`), and of the others the ENDED_SHOWN that ended last; how many
 * more ended is counted (a fork bomb ends thousands). A new machine (Reset)
 * has none.
 */
export function endedOf(k: Kernel, programs: number): { rows: EndedResidency[]; unlisted: number } {
  const ended = k.processes.filter((p) => !p.alive);
  const others = ended.filter((p) => p.pid > programs).sort((a, b) => b.endSeq - a.endSeq);
  const kept = new Set([...ended.filter((p) => p.pid <= programs), ...others.slice(0, ENDED_SHOWN)]);
  const rows = ended.filter((p) => kept.has(p)).sort((a, b) => a.pid - b.pid).map((p) => ({
    pid: p.pid, end: endWords(p), pageFaults: p.stats.pageFaults, swapOuts: p.stats.swapOuts, swapIns: p.stats.swapIns, peakResident: p.stats.peakResidentPages,
  }));
  return { rows, unlisted: ended.length - rows.length };
}
