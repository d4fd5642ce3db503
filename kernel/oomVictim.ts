// Whom the out-of-memory killer kills (SPEC section 7; the rule and why: docs/kernel.md,
// "Out of memory"). Processes are grouped by lineage: the program started on
// the command line (or by the library) that a process descends from, through
// any number of forks, whether or not its parent is still alive. The lineage
// holding the most memory in all loses its largest member. Spreading memory
// over many small children, or orphaning them, so hides nothing: they all
// count for the lineage that made them. A process outside that lineage dies
// only when its own lineage really holds the most.
import type { Process } from './process.js';

/**
 * The victim among `live` (in pid order), given each one's footprint (frames
 * and swap slots); undefined when none holds memory. Ties go to the higher
 * lineage and then the higher pid, as the kernel chose before lineages.
 * O(live processes): reaped processes are not among them.
 */
export function chooseOomVictim(live: readonly Process[], footprint: (p: Process) => number): Process | undefined {
  const sizes = new Map<Process, number>();
  const totals = new Map<number, number>();
  for (const p of live) {
    if (p.space === undefined) continue;
    const size = footprint(p);
    sizes.set(p, size);
    totals.set(p.lineage, (totals.get(p.lineage) ?? 0) + size);
  }
  let lineage = -1;
  let most = -1;
  for (const [l, total] of totals) {
    if (total > most || (total === most && l > lineage)) { most = total; lineage = l; }
  }
  let victim: Process | undefined;
  let largest = -1;
  for (const [p, size] of sizes) {
    if (p.lineage === lineage && size >= largest) { largest = size; victim = p; }
  }
  return victim;
}
