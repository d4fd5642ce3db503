// One process's own figures for `--json` (SPEC section 9). The kernel counts
// each where the event happens; instructions and TLB misses are settled from
// the hardware's counters when the process leaves the CPU, so the hot path
// pays nothing. Summed over processes they give the run's totals.
export class ProcessStats {
  instructions = 0;
  pageFaults = 0;
  tlbMisses = 0;
  cowCopies = 0;
  swapIns = 0;
  swapOuts = 0;
  /** User pages mapped in its address space now (shared ones count for each sharer). */
  residentPages = 0;
  peakResidentPages = 0;
}
