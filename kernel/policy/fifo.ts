// FIFO replacement: evict the page that has been resident longest. References
// do not matter, so the kernel never harvests accessed bits for it.
import { NIL, PageList } from './page-list.js';
import type { ReplacementPolicy } from './policy.js';

export class FifoPolicy implements ReplacementPolicy {
  readonly name = 'fifo';
  readonly usesReferences = false;
  /** Oldest admitted first. */
  private readonly queue = new PageList();

  admit(page: number): void {
    this.queue.pushBack(page);
  }

  touch(_page: number): void {
    // Order of arrival is all FIFO knows.
  }

  forget(page: number): void {
    this.queue.remove(page);
  }

  /** The oldest page canEvict accepts: O(1) unless older pages are rejected. */
  chooseVictim(canEvict: (page: number) => boolean): number | undefined {
    const victim = this.queue.findFirst(canEvict);
    if (victim === NIL) return undefined;
    this.queue.remove(victim);
    return victim;
  }

  /** Oldest first: the next victim leads. */
  residents(): number[] {
    return this.queue.toArray();
  }
}
