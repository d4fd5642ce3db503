// Random replacement, reproducible from the seed. Residents are kept in a
// dense array with each page's index beside it, so admit and forget are O(1)
// (forget swaps the last element into the hole).
//
// chooseVictim is uniform over the pages canEvict accepts: it draws up to
// RANDOM_TRIES residents at random and takes the first accepted one (rejection
// sampling, uniform over the accepted ones); if all those draws are rejected,
// many pages must be pinned, so it lists the accepted pages and draws one of
// them.
import { Prng } from '../../mmu/prng.js';
import { NIL, checkKey, growInt32 } from './page-list.js';
import type { ReplacementPolicy } from './policy.js';

const RANDOM_TRIES = 8;

export class RandomPolicy implements ReplacementPolicy {
  readonly name = 'random';
  readonly usesReferences = false;
  private readonly prng: Prng;
  private pages = new Int32Array(0);
  private count = 0;
  /** indexOf[page] = its index in pages, or NIL. */
  private indexOf = new Int32Array(0);

  constructor(seed: number) {
    this.prng = new Prng(seed);
  }

  admit(page: number): void {
    checkKey(page);
    if (this.has(page)) throw new Error(`replacement policy: page ${page} admitted twice`);
    this.indexOf = growInt32(this.indexOf, page, NIL);
    this.pages = growInt32(this.pages, this.count, NIL);
    this.pages[this.count] = page;
    this.indexOf[page] = this.count;
    this.count++;
  }

  touch(_page: number): void {
    // References do not matter to a random choice.
  }

  forget(page: number): void {
    if (!this.has(page)) return;
    const hole = this.indexOf[page]!;
    const last = this.pages[this.count - 1]!;
    this.pages[hole] = last;
    this.indexOf[last] = hole;
    this.indexOf[page] = NIL;
    this.count--;
  }

  chooseVictim(canEvict: (page: number) => boolean): number | undefined {
    if (this.count === 0) return undefined;
    for (let i = 0; i < RANDOM_TRIES; i++) {
      const page = this.pages[this.prng.below(this.count)]!;
      if (canEvict(page)) return this.evict(page);
    }
    const accepted: number[] = [];
    for (let i = 0; i < this.count; i++) {
      const page = this.pages[i]!;
      if (canEvict(page)) accepted.push(page);
    }
    if (accepted.length === 0) return undefined;
    return this.evict(accepted[this.prng.below(accepted.length)]!);
  }

  /** In the dense array's order: admission order, except that a removal moves the last page into the hole. */
  residents(): number[] {
    return Array.from(this.pages.subarray(0, this.count));
  }

  private has(page: number): boolean {
    return page >= 0 && page < this.indexOf.length && this.indexOf[page] !== NIL;
  }

  private evict(page: number): number {
    this.forget(page);
    return page;
  }
}
