// MRU replacement: evict the page referenced most recently, the opposite of
// LRU. A poor policy in general, offered by the simulator because OSTEP's
// homework asks about it (it wins on a loop one page larger than memory,
// where LRU misses every time). LRU's recency list, read from the other end.
import { NIL } from './page-list.js';
import { LruPolicy } from './lru.js';

export class MruPolicy extends LruPolicy {
  override readonly name = 'mru';

  /** The most recently used page canEvict accepts. */
  override chooseVictim(canEvict: (page: number) => boolean): number | undefined {
    const victim = this.recency.findLast(canEvict);
    if (victim === NIL) return undefined;
    this.recency.remove(victim);
    return victim;
  }
}
