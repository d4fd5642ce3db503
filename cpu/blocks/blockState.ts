// What a compiled block shares with the engine while a stretch runs: the
// instructions done, the fetch page's TLB entry, the one-entry data caches
// (the page, TLB entry and physical base last used for loads and for
// stores) and when each was last used. One class, so that every block's
// code sees one shape.

/** Why a block stopped early (BlockState.bail). */
export const enum Bail {
  /** A data access faulted (faultAccess, faultAddress): the engine raises the trap the interpreter would. */
  Fault = 1,
  /** Before a misaligned access or jalr target, or a zero divisor: the interpreter runs it and traps. */
  Other = 2,
  /** Before a block longer than what is left of the budget: the interpreter runs the rest. */
  Budget = 3,
}

export class BlockState {
  /** Instructions completed in this stretch. */
  n = 0;
  /** Data accesses served from the caches below (each a TLB hit). */
  data = 0;
  /** Why a block stopped before an instruction that the interpreter must run (Bail), or 0. */
  bail = 0;
  /** With Bail.Fault: the access (mmu/access.ts) and the address that faulted. */
  faultAccess = 0;
  faultAddress = 0;
  /** 1 when the fetch page must be looked up again (its TLB entry was refilled for data, or its code dropped). */
  refetch = 0;
  /** The fetch page's TLB entry, while fetchValid is 1. */
  fetchEntry = 0;
  fetchValid = 0;
  /** The instruction budget of the stretch: a looping block runs another pass only while it fits. */
  limit = 0;
  /** The ASID of the running address space. */
  asid = 0;
  /** The stretch's origin on the TLB's time scale (tlbBooks.ts). */
  c0 = 0;
  /** Last load page, its TLB entry and physical base; loadLast: the instruction (index in the stretch) that last used it, -1 for none. */
  loadVpn = -1;
  loadEntry = 0;
  loadBase = 0;
  loadLast = -1;
  storeVpn = -1;
  storeEntry = 0;
  storeBase = 0;
  storeLast = -1;

  /** Starts a stretch at clock c0: nothing done, nothing cached. */
  begin(c0: number, asid: number, limit: number): void {
    this.n = 0;
    this.data = 0;
    this.bail = 0;
    this.limit = limit;
    this.asid = asid;
    this.c0 = c0;
    this.loadVpn = -1;
    this.loadLast = -1;
    this.storeVpn = -1;
    this.storeLast = -1;
    this.refetch = 0;
    this.fetchValid = 0;
  }
}
