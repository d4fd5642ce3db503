// UNOPT, the pessimal yardstick of OSTEP's homework: evict the resident page
// whose next reference comes soonest, so no policy can miss more on the same
// string. It is opt.ts with the order of victims reversed (same cursor rule:
// one admit or touch per reference, in order).
//
// Pages used again always go before pages never used again; among the
// latter the one admitted first goes, as in OSTEP's paging-policy.py, which
// scans memory in admission order and keeps the first page with the nearest
// next use.
import { OptPolicy } from './opt.js';

export class UnoptPolicy extends OptPolicy {
  override readonly name = 'unopt';

  /**
   * Negated next use, so the max-heap yields the soonest; pages never used
   * again sit below every used page (keys below -length), oldest admission
   * highest.
   */
  protected override victimKey(next: number, admission: number): number {
    return next >= 0 ? -next : -(2 * this.references.length + admission);
  }
}
