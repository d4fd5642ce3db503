// LRU replacement: evict the page referenced least recently. The list is kept
// in recency order (least recent at the head); a touch moves a page to the
// tail in O(1).
//
// In the kernel the policy hears of references only through accessed (A) bits
// harvested before a victim is chosen, so it is LRU over what those bits
// reveal; `illusion policy` touches on every reference, so there it is exact.
import { NIL, PageList } from './page-list.js';
import type { ReplacementPolicy } from './policy.js';

export class LruPolicy implements ReplacementPolicy {
  readonly name: 'lru' | 'mru' = 'lru';
  readonly usesReferences = true;
  /** Least recently used first. */
  protected readonly recency = new PageList();

  admit(page: number): void {
    this.recency.pushBack(page);
  }

  touch(page: number): void {
    this.recency.moveToBack(page);
  }

  forget(page: number): void {
    this.recency.remove(page);
  }

  /** The least recently used page canEvict accepts. */
  chooseVictim(canEvict: (page: number) => boolean): number | undefined {
    const victim = this.recency.findFirst(canEvict);
    if (victim === NIL) return undefined;
    this.recency.remove(victim);
    return victim;
  }

  /** Least recently used first, most recently used last. */
  residents(): number[] {
    return this.recency.toArray();
  }
}
