// The mmap regions of one address space, kept in a treap (a binary search
// tree by start address whose shape is set by random priorities, so its
// expected depth is logarithmic). Each node also knows, for its subtree, the
// lowest start, the highest end and the widest gap between neighbouring
// regions; with those, finding the highest gap that fits a new region walks
// one path down the tree instead of the whole list. Every operation costs
// O(log n) expected, plus O(k) for the k regions an edit touches.
//
// Regions never overlap. A treap needs no rebalancing code: insert and
// delete are `split` and `merge`. Priorities come from a fixed-seed
// generator, so the shape (and the host time) is the same on every run.
//
// Nodes are never changed once made: an edit makes new nodes along the paths
// it changes and shares the rest. So a forked child's tree is the parent's
// root, at no cost whatever the number of regions, and each side's later
// edits copy only their own paths. (Copying the whole tree at fork let a
// process with 65,536 regions make each fork cost the host 75 ms.) Regions
// are shared the same way, so they are values: an edit makes new ones.

export interface TreeRegion {
  /** Page-aligned bounds, end exclusive. */
  readonly start: number;
  readonly end: number;
}

class Node<R extends TreeRegion> {
  readonly minStart: number;
  readonly maxEnd: number;
  /** Widest space between two neighbouring regions of this subtree; -1 with one region. */
  readonly maxGap: number;
  /** Bytes the subtree's regions hold, together. */
  readonly bytes: number;
  /** The start of the subtree's highest region. */
  readonly maxStart: number;
  /** The bitwise AND of the subtree's regions' flags (RegionTree's `flagsOf`). */
  readonly flagsAnd: number;

  constructor(readonly region: R, readonly priority: number, readonly flags: number, readonly left: Tree<R>, readonly right: Tree<R>) {
    this.minStart = left !== undefined ? left.minStart : region.start;
    this.maxEnd = right !== undefined ? right.maxEnd : region.end;
    this.maxStart = right !== undefined ? right.maxStart : region.start;
    this.flagsAnd = flags & (left?.flagsAnd ?? ALL_FLAGS) & (right?.flagsAnd ?? ALL_FLAGS);
    this.bytes = (left?.bytes ?? 0) + (region.end - region.start) + (right?.bytes ?? 0);
    let gap = -1;
    if (left !== undefined) gap = Math.max(gap, left.maxGap, region.start - left.maxEnd);
    if (right !== undefined) gap = Math.max(gap, right.maxGap, right.minStart - region.end);
    this.maxGap = gap;
  }
}

type Tree<R extends TreeRegion> = Node<R> | undefined;

const ALL_FLAGS = -1;

/** `n`'s region and priority over new children. */
function withChildren<R extends TreeRegion>(n: Node<R>, left: Tree<R>, right: Tree<R>): Node<R> {
  return new Node(n.region, n.priority, n.flags, left, right);
}

/** Splits `t` into the regions starting below `key` and the rest. */
function split<R extends TreeRegion>(t: Tree<R>, key: number): [Tree<R>, Tree<R>] {
  if (t === undefined) return [undefined, undefined];
  if (t.region.start < key) {
    const [a, b] = split(t.right, key);
    return [withChildren(t, t.left, a), b];
  }
  const [a, b] = split(t.left, key);
  return [a, withChildren(t, b, t.right)];
}

/** Joins two trees, every region of `a` below every region of `b`. */
function merge<R extends TreeRegion>(a: Tree<R>, b: Tree<R>): Tree<R> {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (a.priority > b.priority) return withChildren(a, a.left, merge(a.right, b));
  return withChildren(b, merge(a, b.left), b.right);
}

/** Removes the highest region of a non-empty tree. */
function popMax<R extends TreeRegion>(t: Node<R>): [Tree<R>, R] {
  if (t.right === undefined) return [t.left, t.region];
  const [rest, max] = popMax(t.right);
  return [withChildren(t, t.left, rest), max];
}

/**
 * The start of the highest gap of at least `bytes` among this subtree's
 * regions and between its highest region and `ceiling`, or -1. A subtree is
 * entered only when its summary says a fit is there, so this walks one path.
 */
function highestFit<R extends TreeRegion>(t: Tree<R>, ceiling: number, bytes: number): number {
  if (t === undefined || (ceiling - t.maxEnd < bytes && t.maxGap < bytes)) return -1;
  if (t.right !== undefined) {
    const above = highestFit(t.right, ceiling, bytes);
    if (above >= 0) return above;
    if (t.right.minStart - t.region.end >= bytes) return t.right.minStart - bytes;
  } else if (ceiling - t.region.end >= bytes) {
    return ceiling - bytes;
  }
  return highestFit(t.left, t.region.start, bytes);
}

/** Bytes held by the regions starting below `key`: one path down. */
function bytesBelow<R extends TreeRegion>(t: Tree<R>, key: number): number {
  let total = 0;
  while (t !== undefined) {
    if (t.region.start < key) {
      total += (t.left?.bytes ?? 0) + (t.region.end - t.region.start);
      t = t.right;
    } else {
      t = t.left;
    }
  }
  return total;
}

/**
 * The AND of the flags of the regions starting from `lo` to `hi`, both
 * included. A subtree wholly inside answers from its summary, so this
 * walks two paths down.
 */
function flagsBetween<R extends TreeRegion>(t: Tree<R>, lo: number, hi: number): number {
  if (t === undefined || t.maxStart < lo || t.minStart > hi) return ALL_FLAGS;
  if (t.minStart >= lo && t.maxStart <= hi) return t.flagsAnd;
  const own = t.region.start >= lo && t.region.start <= hi ? t.flags : ALL_FLAGS;
  return own & flagsBetween(t.left, lo, hi) & flagsBetween(t.right, lo, hi);
}

function collect<R extends TreeRegion>(t: Tree<R>, out: R[]): void {
  if (t === undefined) return;
  collect(t.left, out);
  out.push(t.region);
  collect(t.right, out);
}

export class RegionTree<R extends TreeRegion> {
  private root: Tree<R>;

  /** `flagsOf(r)`: bits each node keeps the AND of for its subtree, so that `allows` answers for a range at once. */
  constructor(private readonly flagsOf: (r: R) => number = () => 0) {}

  private count = 0;
  /** xorshift32 state for priorities. */
  private seed = 0x2545f491;

  get size(): number {
    return this.count;
  }

  /** The lowest start of any region, or undefined when there is none. */
  lowestStart(): number | undefined {
    return this.root?.minStart;
  }

  /** The region holding address `a`, or undefined. */
  find(a: number): R | undefined {
    let t = this.root;
    while (t !== undefined) {
      if (a < t.region.start) t = t.left;
      else if (a >= t.region.end) t = t.right;
      else return t.region;
    }
    return undefined;
  }

  /**
   * True when regions hold every byte of [start, end): the regions from the
   * one holding `start` to the one holding `end - 1` leave no gap, which is
   * when they hold as many bytes as they span. O(log n), however many
   * regions the range crosses.
   */
  covers(start: number, end: number): boolean {
    return end <= start || this.span(start, end) !== undefined;
  }

  /** True when regions hold every byte of [start, end) (start < end) and each has every bit of `mask` in its flags. O(log n). */
  allows(start: number, end: number, mask: number): boolean {
    const span = this.span(start, end);
    return span !== undefined && (flagsBetween(this.root, span[0].start, span[1].start) & mask) === mask;
  }

  /** The regions holding `start` and `end - 1` when those and the ones between leave no gap, else undefined. */
  private span(start: number, end: number): [R, R] | undefined {
    const first = this.find(start);
    const last = first === undefined ? undefined : this.find(end - 1);
    if (first === undefined || last === undefined) return undefined;
    const held = bytesBelow(this.root, last.start + 1) - bytesBelow(this.root, first.start);
    return held === last.end - first.start ? [first, last] : undefined;
  }

  /** Adds a region that overlaps none. */
  insert(region: R): void {
    const [a, b] = split(this.root, region.start);
    this.root = merge(merge(a, new Node(region, this.nextPriority(), this.flagsOf(region), undefined, undefined)), b);
    this.count++;
  }

  /**
   * Where `bytes` fit in the highest gap between `floor` and `ceiling` (both
   * page-aligned, no region outside them), or -1.
   */
  highestGap(bytes: number, floor: number, ceiling: number): number {
    const inside = highestFit(this.root, ceiling, bytes);
    if (inside >= 0) return inside >= floor ? inside : -1;
    const lowest = this.root?.minStart ?? ceiling;
    return lowest - bytes >= floor ? lowest - bytes : -1;
  }

  /**
   * Splits the regions crossing `start` and `end` so that [start, end) is
   * made of whole regions, then replaces each of those by `change(piece)`
   * (null removes it). `cut(r, s, e)` makes the part [s, e) of r. Changed
   * pieces that touch are made one by `join(a, b)` when it gives a region
   * (undefined: they stay apart), so an edit over k regions that gives them
   * all the same rights leaves one, and the next edit there costs O(log n).
   */
  edit(
    start: number, end: number, cut: (r: R, s: number, e: number) => R, change: (r: R) => R | null,
    join: (a: R, b: R) => R | undefined = () => undefined,
  ): void {
    let [below, rest] = split(this.root, start);
    const pieces: R[] = [];
    if (below !== undefined && below.maxEnd > start) {
      const [kept, crossing] = popMax(below);
      this.count--;
      below = this.insertInto(kept, cut(crossing, crossing.start, start));
      pieces.push(cut(crossing, start, crossing.end));
    }
    const [middle, after] = split(rest, end);
    const before = pieces.length;
    collect(middle, pieces);
    this.count -= pieces.length - before;
    let above = after;
    let changed: Tree<R> = undefined;
    let pending: R | undefined; // the last changed piece, not yet in `changed`: the next may join it
    for (let piece of pieces) {
      if (piece.end > end) {
        above = this.insertInto(above, cut(piece, end, piece.end));
        piece = cut(piece, piece.start, end);
      }
      const next = change(piece);
      if (next === null) continue;
      const joined = pending !== undefined && pending.end === next.start ? join(pending, next) : undefined;
      if (joined !== undefined) {
        pending = joined;
        continue;
      }
      if (pending !== undefined) changed = this.insertInto(changed, pending);
      pending = next;
    }
    if (pending !== undefined) changed = this.insertInto(changed, pending);
    this.root = merge(merge(below, changed), above);
  }

  /** Every region in address order (O(n): fork copies, tests, views). */
  toArray(): R[] {
    const out: R[] = [];
    collect(this.root, out);
    return out;
  }

  /** A copy for a forked child: the same nodes and regions, O(1) (edits to either copy their own paths). */
  clone(): RegionTree<R> {
    const t = new RegionTree<R>(this.flagsOf);
    t.root = this.root;
    t.count = this.count;
    t.seed = this.seed;
    return t;
  }

  private insertInto(t: Tree<R>, region: R): Tree<R> {
    const [a, b] = split(t, region.start);
    this.count++;
    return merge(merge(a, new Node(region, this.nextPriority(), this.flagsOf(region), undefined, undefined)), b);
  }

  private nextPriority(): number {
    let x = this.seed;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.seed = x >>> 0;
    return this.seed;
  }
}
