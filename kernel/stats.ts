// Counters the kernel keeps for the run's statistics (SPEC section 9).

export class KernelStats {
  pageFaults = 0;
  zeroFills = 0;
  imageLoads = 0;
  cowCopies = 0;
  cowReclaims = 0;
  swapIns = 0;
  swapOuts = 0;
  cleanDrops = 0;
  contextSwitches = 0;
  peakFrames = 0;
  pageTableFrames = 0;
  peakPageTableFrames = 0;
  ticks = 0;
  oomKills = 0;
  /** Software refill (kernel/refill.ts): tlb_miss and tlb_modified traps taken. */
  tlbRefillTraps = 0;
  tlbModifiedTraps = 0;
}
