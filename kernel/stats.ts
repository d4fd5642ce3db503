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
  /** Timer ticks, idle skips included: a bigint, since a guest can skip past 2^53 ticks in a second (attack23, host-tick-skip.s). */
  ticks = 0n;
  oomKills = 0;
  /** Software refill (kernel/refill.ts): tlb_miss and tlb_modified traps taken. */
  tlbRefillTraps = 0;
  tlbModifiedTraps = 0;
}
