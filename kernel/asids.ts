// ASID allocation (SPEC section 5): 8-bit ASIDs, 1..255 handed to address
// spaces (0 is what every space uses with ASIDs off). With more spaces than
// ASIDs, one is taken back from the space that ran least recently; whatever
// the TLB still holds under a freed or taken ASID is flushed before reuse.
import type { Tlb } from '../mmu/tlb.js';
import type { AddressSpace } from './addressSpace.js';

export const FIRST_ASID = 1;
export const ASID_COUNT = 256;

export class AsidAllocator {
  private readonly owner: (AddressSpace | undefined)[] = new Array(ASID_COUNT).fill(undefined);
  private readonly lastRun = new Float64Array(ASID_COUNT);
  private clock = 0;
  recycled = 0;

  constructor(private readonly tlb: Tlb, private readonly capacity = ASID_COUNT - FIRST_ASID) {}

  /** Makes sure `space` has an ASID, taking one back from another space if needed. */
  assign(space: AddressSpace): number {
    const now = ++this.clock;
    if (space.asid >= 0) {
      this.lastRun[space.asid] = now;
      return space.asid;
    }
    let asid = -1;
    const end = FIRST_ASID + this.capacity;
    for (let a = FIRST_ASID; a < end; a++) if (this.owner[a] === undefined) { asid = a; break; }
    if (asid < 0) {
      asid = FIRST_ASID;
      for (let a = FIRST_ASID + 1; a < end; a++) if (this.lastRun[a]! < this.lastRun[asid]!) asid = a;
      this.owner[asid]!.asid = -1;
      this.recycled++;
    }
    // Whatever a previous owner left in the TLB under this ASID must not survive.
    this.tlb.invalidateAsid(asid);
    this.owner[asid] = space;
    space.asid = asid;
    this.lastRun[asid] = now;
    return asid;
  }

  /** The address space holding `asid` now, if any (the checker's TLB audit). */
  ownerOf(asid: number): AddressSpace | undefined {
    return this.owner[asid];
  }

  /** Gives a space's ASID back (the space is gone). */
  release(space: AddressSpace): void {
    if (space.asid < 0) return;
    this.tlb.invalidateAsid(space.asid);
    this.owner[space.asid] = undefined;
    space.asid = -1;
  }
}
