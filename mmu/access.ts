// The kinds of memory access the MMU translates, and why a translation fails.

/** What kind of access faulted. */
export const enum Access {
  Fetch = 0,
  Load = 1,
  Store = 2,
}
export const ACCESS_NAMES = ['fetch', 'load', 'store'] as const;
export type AccessName = (typeof ACCESS_NAMES)[number];

/**
 * Why a translation failed: no valid mapping, or a mapping that forbids the
 * access. With software refill also: no TLB entry (the MMU does not walk),
 * or a store through an entry the kernel wrote without W (SPEC section 5).
 */
export const enum FaultKind {
  None = 0,
  NotPresent = 1,
  Protection = 2,
  TlbMiss = 3,
  TlbModified = 4,
}
export const FAULT_KIND_NAMES = ['none', 'not-present', 'protection', 'tlb-miss', 'tlb-modified'] as const;

