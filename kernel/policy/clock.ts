// Clock (second chance) replacement. Resident pages sit on a ring with a hand
// and one reference bit each:
//
//        hand
//         v
//   ... -> a(1) -> b(0) -> c(1) -> ...   (ring: after the last comes the first)
//
// - admit sets the page's bit and puts it just behind the hand, so it is the
//   last page the hand will reach (as in a frame array where the new page
//   takes the victim's slot and the hand moves on).
// - touch sets the bit.
// - chooseVictim sweeps from the hand: a page canEvict rejects is skipped and
//   its bit left alone; a referenced page has its bit cleared and the hand
//   moves on; the first unreferenced page canEvict accepts is the victim, and
//   the hand stops just past it. After one full pass every acceptable page
//   has a clear bit, so the sweep is bounded by two passes; undefined when
//   canEvict rejects every page.
//
// With more than one reference bit (`maxCount` > 1, the simulator's
// --clockbits, after OSTEP's -b) each page keeps a saturating count instead of
// a bit: admit sets it to 1, touch adds 1 up to maxCount, and the hand takes
// one from a page it passes; a page is the victim when the hand finds its
// count at 0. maxCount 1 is the single-bit clock above, which the kernel uses.
// The sweep is then bounded by maxCount + 1 passes.
import { NIL, PageList, growUint8 } from './page-list.js';
import type { ReplacementPolicy } from './policy.js';

/** Counts live in a Uint8Array. */
export const MAX_CLOCK_COUNT = 255;

export class ClockPolicy implements ReplacementPolicy {
  readonly name = 'clock';
  readonly usesReferences = true;
  /** The ring, stored as a list whose tail wraps round to its head. */
  private readonly ring = new PageList();
  /** Each page's reference count, 0..maxCount (a bit when maxCount is 1). */
  private referenced = new Uint8Array(0);
  private hand = NIL;

  constructor(readonly maxCount = 1) {
    if (!Number.isInteger(maxCount) || maxCount < 1 || maxCount > MAX_CLOCK_COUNT) {
      throw new RangeError(`clock: reference count limit must be 1..${MAX_CLOCK_COUNT}, got ${maxCount}`);
    }
  }

  admit(page: number): void {
    this.ring.insertBefore(page, this.hand);
    if (this.hand === NIL) this.hand = page;
    this.referenced = growUint8(this.referenced, page);
    this.referenced[page] = 1;
  }

  touch(page: number): void {
    if (this.ring.has(page) && this.referenced[page]! < this.maxCount) this.referenced[page]!++;
  }

  forget(page: number): void {
    if (page === this.hand) this.hand = this.size() > 1 ? this.after(page) : NIL;
    this.ring.remove(page);
  }

  chooseVictim(canEvict: (page: number) => boolean): number | undefined {
    const steps = (this.maxCount + 1) * this.size();
    let page = this.hand;
    for (let i = 0; i < steps; i++) {
      if (canEvict(page)) {
        if (this.referenced[page] === 0) {
          this.hand = page;
          this.forget(page);
          return page;
        }
        this.referenced[page]!--;
      }
      page = this.after(page);
    }
    this.hand = page;
    return undefined;
  }

  /** Starting at the hand (the next page to be examined), in sweep order. */
  residents(): number[] {
    return this.ring.toArray(this.hand);
  }

  /** The reference bit of a resident page (for displays and tests): its count is not 0. */
  isReferenced(page: number): boolean {
    return this.referenceCount(page) > 0;
  }

  /** The reference count of a page, 0 when it is not resident. */
  referenceCount(page: number): number {
    return this.ring.has(page) ? this.referenced[page]! : 0;
  }

  private size(): number {
    return this.ring.size;
  }

  private after(page: number): number {
    const next = this.ring.next(page);
    return next === NIL ? this.ring.head : next;
  }
}
