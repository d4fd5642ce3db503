// MRU replacement: evict the page referenced most recently, the opposite of
// LRU. A poor policy in general, offered by the simulator because OSTEP's
// homework asks about it (it wins on a loop one page larger than memory,
// where LRU misses every time). Same recency list as lru.ts.
import { NIL, PageList } from './page-list.js';
import type { ReplacementPolicy } from './policy.js';

export class MruPolicy implements ReplacementPolicy {
  readonly name = 'mru';
  readonly usesReferences = true;
  /** Least recently used first, most recently used last. */
  private readonly recency = new PageList();

  admit(page: number): void {
    this.recency.pushBack(page);
  }

  touch(page: number): void {
    this.recency.moveToBack(page);
  }

  forget(page: number): void {
    this.recency.remove(page);
  }

  /** The most recently used page canEvict accepts. */
  chooseVictim(canEvict: (page: number) => boolean): number | undefined {
    const victim = this.recency.findLast(canEvict);
    if (victim === NIL) return undefined;
    this.recency.remove(victim);
    return victim;
  }

  /** Least recently used first, most recently used (the next victim) last. */
  residents(): number[] {
    return this.recency.toArray();
  }
}
