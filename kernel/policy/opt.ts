// Belady's optimal (MIN) replacement, the yardstick offered by
// `illusion policy`: evict the resident page whose next reference lies
// furthest in the future. It needs the whole reference string up front, so the
// kernel cannot use it (it is not a PolicyName).
//
// Knowing "now": every admit or touch consumes the next reference of the
// string, in order (a cursor). The caller must therefore call exactly one of
// them per reference, with that reference's page: touch on a hit, admit on a
// miss (after chooseVictim, when memory is full). Anything else is a caller
// bug and throws. chooseVictim looks ahead from the reference being served.
//
// Ties (only between pages never referenced again) go to the page admitted
// most recently, as in OSTEP's paging-policy.py, which scans memory in
// admission order and keeps the last page with the furthest next use.
//
// Victims come from a max-heap of (key, page) with lazy deletion: a page's key
// is the position of its next reference, or length + admission number when it
// has none, and a heap entry is stale once the page's key has changed or it
// left memory.
import { PageList } from './page-list.js';
import type { ReplacementPolicy } from './policy.js';

/** nextUse[i] = the position of the next reference to references[i] after i, or -1. */
export function nextUses(references: readonly number[]): Int32Array {
  const next = new Int32Array(references.length).fill(-1);
  const seen = new Map<number, number>();
  for (let i = references.length - 1; i >= 0; i--) {
    const page = references[i]!;
    next[i] = seen.get(page) ?? -1;
    seen.set(page, i);
  }
  return next;
}

export class OptPolicy implements ReplacementPolicy {
  readonly name: 'opt' | 'unopt' = 'opt';
  /** It must hear every reference to keep its place in the string. */
  readonly usesReferences = true;
  protected readonly references: readonly number[];
  private readonly nextUse: Int32Array;
  private cursor = 0;
  private admissions = 0;
  /** Resident pages in admission order. */
  private readonly memory = new PageList();
  private readonly keyOf = new Map<number, number>();
  /** The admission number of each resident page (breaks ties among pages never used again). */
  private readonly admittedAs = new Map<number, number>();
  private readonly heapKeys: number[] = [];
  private readonly heapPages: number[] = [];

  constructor(futureReferences: readonly number[]) {
    this.references = futureReferences.slice();
    this.nextUse = nextUses(this.references);
  }

  /** The index in the reference string of the next reference to be served. */
  get position(): number {
    return this.cursor;
  }

  admit(page: number): void {
    this.consume(page, 'admit');
    this.memory.pushBack(page);
    this.admittedAs.set(page, this.admissions++);
    this.setKey(page);
  }

  touch(page: number): void {
    this.consume(page, 'touch');
    if (!this.memory.has(page)) throw new Error(`opt: touch of page ${page}, which is not resident`);
    this.setKey(page);
  }

  forget(page: number): void {
    if (!this.memory.remove(page)) return;
    this.keyOf.delete(page);
    this.admittedAs.delete(page);
  }

  chooseVictim(canEvict: (page: number) => boolean): number | undefined {
    const rejectedKeys: number[] = [];
    const rejectedPages: number[] = [];
    let victim: number | undefined;
    while (this.heapKeys.length > 0) {
      const key = this.heapKeys[0]!;
      const page = this.heapPages[0]!;
      this.pop();
      if (this.keyOf.get(page) !== key) continue; // stale
      if (canEvict(page)) {
        victim = page;
        break;
      }
      rejectedKeys.push(key);
      rejectedPages.push(page);
    }
    for (let i = 0; i < rejectedKeys.length; i++) this.push(rejectedKeys[i]!, rejectedPages[i]!);
    if (victim !== undefined) this.forget(victim);
    return victim;
  }

  /** Admission order (oldest first), like OSTEP's memory list. */
  residents(): number[] {
    return this.memory.toArray();
  }

  private consume(page: number, what: string): void {
    const expected = this.references[this.cursor];
    if (expected !== page) {
      throw new Error(`opt: ${what} of page ${page} at step ${this.cursor}, but the reference string has ${expected ?? 'ended'}`);
    }
  }

  /** Records the key of `page`, just referenced at the cursor, and moves the cursor on. */
  private setKey(page: number): void {
    const key = this.victimKey(this.nextUse[this.cursor]!, this.admittedAs.get(page)!);
    this.keyOf.set(page, key);
    this.push(key, page);
    this.cursor++;
  }

  /**
   * The heap key of a page whose next reference is at `next` (-1: never
   * again), admitted as number `admission`; the largest key is the victim.
   */
  protected victimKey(next: number, admission: number): number {
    return next >= 0 ? next : this.references.length + admission;
  }

  private push(key: number, page: number): void {
    const keys = this.heapKeys;
    const pages = this.heapPages;
    let i = keys.length;
    keys.push(key);
    pages.push(page);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! >= key) break;
      keys[i] = keys[parent]!;
      pages[i] = pages[parent]!;
      i = parent;
    }
    keys[i] = key;
    pages[i] = page;
  }

  private pop(): void {
    const keys = this.heapKeys;
    const pages = this.heapPages;
    const lastKey = keys.pop()!;
    const lastPage = pages.pop()!;
    const n = keys.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && keys[child + 1]! > keys[child]!) child++;
      if (keys[child]! <= lastKey) break;
      keys[i] = keys[child]!;
      pages[i] = pages[child]!;
      i = child;
    }
    keys[i] = lastKey;
    pages[i] = lastPage;
  }
}

/** Belady's optimal policy for this reference string (see the cursor rule above). */
export function createOptPolicy(futureReferences: readonly number[]): OptPolicy {
  return new OptPolicy(futureReferences);
}
