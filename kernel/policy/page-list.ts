// A doubly-linked list of page (or frame) numbers kept in typed arrays indexed
// by the number itself, so that has/push/remove/move are O(1) with no Map and
// no allocation per operation. fifo, lru, clock and opt are built on it.
//
//   head -> p -> q -> r <- tail      nextOf[p] = q, prevOf[q] = p, NIL at the ends
//
// The arrays grow by doubling to cover the largest number seen, so keys must
// be small non-negative integers: frame numbers in the kernel, page numbers
// (below 2^20) in `illusion policy`.

/** The end-of-list marker. */
export const NIL = -1;

/** Keys above this are a caller bug (they would make the arrays huge). */
export const MAX_POLICY_KEY = (1 << 24) - 1;

const INITIAL_CAPACITY = 64;

/** Throws unless `page` is a usable key: an integer in 0..MAX_POLICY_KEY. */
export function checkKey(page: number): void {
  if (!Number.isInteger(page) || page < 0 || page > MAX_POLICY_KEY) {
    throw new Error(`replacement policy: page ${page} is not an integer from 0 to ${MAX_POLICY_KEY}`);
  }
}

/** The smallest doubling of `current` that holds index `key`. */
export function grownCapacity(current: number, key: number): number {
  let capacity = Math.max(current, INITIAL_CAPACITY);
  while (capacity <= key) capacity *= 2;
  return capacity;
}

/** A copy of `array` with room for index `key`, new slots filled with `fill`. */
export function growInt32(array: Int32Array<ArrayBuffer>, key: number, fill: number): Int32Array<ArrayBuffer> {
  if (key < array.length) return array;
  const bigger = new Int32Array(grownCapacity(array.length, key)).fill(fill);
  bigger.set(array);
  return bigger;
}

/** A copy of `array` with room for index `key`, new slots zero. */
export function growUint8(array: Uint8Array<ArrayBuffer>, key: number): Uint8Array<ArrayBuffer> {
  if (key < array.length) return array;
  const bigger = new Uint8Array(grownCapacity(array.length, key));
  bigger.set(array);
  return bigger;
}

export class PageList {
  private nextOf = new Int32Array(0);
  private prevOf = new Int32Array(0);
  private member = new Uint8Array(0);
  private headPage = NIL;
  private tailPage = NIL;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The first page, or NIL when empty. */
  get head(): number {
    return this.headPage;
  }

  /** The last page, or NIL when empty. */
  get tail(): number {
    return this.tailPage;
  }

  has(page: number): boolean {
    return page >= 0 && page < this.member.length && this.member[page] === 1;
  }

  /** The page after `page`, or NIL at the tail. `page` must be in the list. */
  next(page: number): number {
    return this.nextOf[page]!;
  }

  /** Appends a page that is not in the list. */
  pushBack(page: number): void {
    this.insertBefore(page, NIL);
  }

  /** Inserts a page that is not in the list just before `at` (NIL: at the tail). */
  insertBefore(page: number, at: number): void {
    checkKey(page);
    if (this.has(page)) throw new Error(`replacement policy: page ${page} admitted twice`);
    this.ensure(page);
    const before = at === NIL ? this.tailPage : this.prevOf[at]!;
    this.prevOf[page] = before;
    this.nextOf[page] = at;
    if (before === NIL) this.headPage = page;
    else this.nextOf[before] = page;
    if (at === NIL) this.tailPage = page;
    else this.prevOf[at] = page;
    this.member[page] = 1;
    this.count++;
  }

  /** Unlinks a page; false (and nothing changes) when it is not in the list. */
  remove(page: number): boolean {
    if (!this.has(page)) return false;
    const before = this.prevOf[page]!;
    const after = this.nextOf[page]!;
    if (before === NIL) this.headPage = after;
    else this.nextOf[before] = after;
    if (after === NIL) this.tailPage = before;
    else this.prevOf[after] = before;
    this.member[page] = 0;
    this.count--;
    return true;
  }

  /** Moves a page in the list to the tail. */
  moveToBack(page: number): void {
    if (page === this.tailPage || !this.remove(page)) return;
    this.pushBack(page);
  }

  /** The first page from the head that `accept` takes, or NIL. */
  findFirst(accept: (page: number) => boolean): number {
    for (let page = this.headPage; page !== NIL; page = this.nextOf[page]!) {
      if (accept(page)) return page;
    }
    return NIL;
  }

  /** The first page from the tail that `accept` takes, or NIL. */
  findLast(accept: (page: number) => boolean): number {
    for (let page = this.tailPage; page !== NIL; page = this.prevOf[page]!) {
      if (accept(page)) return page;
    }
    return NIL;
  }

  /** The pages from `start` (default the head) to the tail, then from the head round to just before `start`. */
  toArray(start: number = this.headPage): number[] {
    const out: number[] = [];
    if (this.count === 0) return out;
    let page = start;
    for (let i = 0; i < this.count; i++) {
      out.push(page);
      page = this.nextOf[page]!;
      if (page === NIL) page = this.headPage;
    }
    return out;
  }

  private ensure(page: number): void {
    this.nextOf = growInt32(this.nextOf, page, NIL);
    this.prevOf = growInt32(this.prevOf, page, NIL);
    this.member = growUint8(this.member, page);
  }
}
