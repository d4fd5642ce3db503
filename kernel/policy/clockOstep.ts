// OSTEP's "clock", as its paging-policy.py homework simulator runs it, so
// that its exercises can be checked here. It has no hand: each page keeps a
// reference count (admit sets 1, touch adds 1 up to maxCount, OSTEP's -b),
// and to find a victim it probes resident pages chosen uniformly at random,
// taking one from the count of each probed page that is above 0, until it
// probes a page whose count is 0. The textbook clock (clock.ts) sweeps a hand
// instead; docs/policies.md compares the two.
//
// Memory is kept in admission order (a victim's removal closes the gap), as
// OSTEP's list is, and the probes come from the seeded PRNG. The draws are
// not Python's, so a given seed picks other victims than OSTEP's does; the
// rule is the same.
import { Prng } from '../../mmu/prng.js';
import { MAX_CLOCK_COUNT } from './clock.js';
import { checkKey } from './page-list.js';
import type { ReplacementPolicy } from './policy.js';

export class ClockOstepPolicy implements ReplacementPolicy {
  readonly name = 'clock-ostep';
  readonly usesReferences = true;
  private readonly prng: Prng;
  /** Admission order. O(n) removal: the simulator's sizes only. */
  private readonly memory: number[] = [];
  private readonly count = new Map<number, number>();

  constructor(seed: number, readonly maxCount = 2) {
    if (!Number.isInteger(maxCount) || maxCount < 1 || maxCount > MAX_CLOCK_COUNT) {
      throw new RangeError(`clock-ostep: reference count limit must be 1..${MAX_CLOCK_COUNT}, got ${maxCount}`);
    }
    this.prng = new Prng(seed);
  }

  admit(page: number): void {
    checkKey(page);
    if (this.count.has(page)) throw new Error(`replacement policy: page ${page} admitted twice`);
    this.memory.push(page);
    this.count.set(page, 1);
  }

  touch(page: number): void {
    const c = this.count.get(page);
    if (c !== undefined && c < this.maxCount) this.count.set(page, c + 1);
  }

  forget(page: number): void {
    if (!this.count.delete(page)) return;
    this.memory.splice(this.memory.indexOf(page), 1);
  }

  /**
   * Probes at random until a page canEvict accepts has count 0. Rejected
   * pages are probed but left alone; every probe of an accepted page brings
   * it closer to 0, so the loop ends once any page is acceptable.
   */
  chooseVictim(canEvict: (page: number) => boolean): number | undefined {
    if (!this.memory.some(canEvict)) return undefined;
    for (;;) {
      const page = this.memory[this.prng.below(this.memory.length)]!;
      if (!canEvict(page)) continue;
      const c = this.count.get(page)!;
      if (c > 0) {
        this.count.set(page, c - 1);
        continue;
      }
      this.forget(page);
      return page;
    }
  }

  /** Admission order. */
  residents(): number[] {
    return this.memory.slice();
  }

  /** The reference count of a page, 0 when it is not resident. */
  referenceCount(page: number): number {
    return this.count.get(page) ?? 0;
  }
}
