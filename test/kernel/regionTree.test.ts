// The mmap region tree (kernel/regionTree.ts) against a plain sorted list
// doing the same placement, munmap and mprotect the way the kernel did before
// the tree: random operation sequences must leave both with the same regions
// and give the same answers to every lookup and placement.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RegionTree } from '../../kernel/regionTree.js';

interface R { start: number; end: number; prot: number }

const PAGE = 4096;
const TOP = 0x7fe0_0000;
const cut = (r: R, start: number, end: number): R => ({ ...r, start, end });
const join = (a: R, b: R): R | undefined => (a.prot === b.prot ? cut(a, a.start, b.end) : undefined);

/** The reference: a sorted array, every operation a scan. */
class ListModel {
  regions: R[] = [];
  find(a: number): R | undefined {
    return this.regions.find((r) => a >= r.start && a < r.end);
  }
  covers(start: number, end: number): boolean {
    for (let a = start; a < end; a += PAGE) if (this.find(a) === undefined) return false;
    return true;
  }
  allows(start: number, end: number, mask: number): boolean {
    for (let a = start; a < end; a += PAGE) if (((this.find(a)?.prot ?? 0) & mask) !== mask) return false;
    return this.covers(start, end);
  }
  highestGap(bytes: number, floor: number): number {
    let ceiling = TOP;
    for (const r of [...this.regions].reverse()) {
      if (ceiling - r.end >= bytes && ceiling - bytes >= floor) return ceiling - bytes;
      ceiling = r.start;
    }
    return ceiling - bytes >= floor ? ceiling - bytes : -1;
  }
  insert(r: R): void {
    this.regions.push(r);
    this.regions.sort((a, b) => a.start - b.start);
  }
  /** As the kernel did before the tree; then the changed pieces that touch with the same prot made one (attack26). */
  edit(start: number, end: number, change: (r: R) => R | null): void {
    const outside: R[] = [];
    const changed: R[] = [];
    for (const r of this.regions) {
      if (r.end <= start || r.start >= end) { outside.push(r); continue; }
      if (r.start < start) outside.push(cut(r, r.start, start));
      const inside = change(cut(r, Math.max(r.start, start), Math.min(r.end, end)));
      if (inside !== null) changed.push(inside);
      if (r.end > end) outside.push(cut(r, end, r.end));
    }
    const joined: R[] = [];
    for (const r of changed) {
      const last = joined.at(-1);
      if (last !== undefined && last.end === r.start && last.prot === r.prot) joined[joined.length - 1] = cut(last, last.start, r.end);
      else joined.push(r);
    }
    this.regions = [...outside, ...joined].sort((a, b) => a.start - b.start);
  }
}

type Op =
  | { kind: 'mmap'; pages: number; prot: number }
  | { kind: 'munmap' | 'mprotect'; at: number; pages: number; prot: number }
  | { kind: 'clone' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('mmap' as const), pages: fc.integer({ min: 1, max: 40 }), prot: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('munmap' as const, 'mprotect' as const), at: fc.nat(), pages: fc.integer({ min: 1, max: 60 }), prot: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clone' as const) }) },
);

/** Applies `ops` to both; a floor below TOP makes placement fail sometimes (ENOMEM). */
function replay(ops: readonly Op[], floorPages: number): void {
  let tree = new RegionTree<R>((r) => r.prot); // allows() asks for bits of prot
  const list = new ListModel();
  const floor = TOP - floorPages * PAGE;
  for (const op of ops) {
    if (op.kind === 'mmap') {
      const at = tree.highestGap(op.pages * PAGE, floor, TOP);
      expect(at).toBe(list.highestGap(op.pages * PAGE, floor));
      if (at >= 0) {
        tree.insert({ start: at, end: at + op.pages * PAGE, prot: op.prot });
        list.insert({ start: at, end: at + op.pages * PAGE, prot: op.prot });
      }
    } else if (op.kind === 'clone') {
      // The copy shares the original's nodes: emptying either must leave the other whole.
      const before = tree.toArray();
      const copy = tree.clone();
      copy.edit(floor, TOP, cut, () => null);
      expect(copy.size).toBe(0);
      expect(tree.toArray()).toEqual(before);
      const again = tree.clone();
      tree.edit(floor, TOP, cut, () => null);
      expect(tree.size).toBe(0);
      tree = again;
    } else {
      // A range starting in a region (as munmap and mprotect are only made on mapped ranges) or anywhere.
      const start = floor + (op.at % floorPages) * PAGE;
      const end = Math.min(TOP, start + op.pages * PAGE);
      const change = op.kind === 'munmap' ? () => null : (r: R) => ({ ...r, prot: op.prot });
      expect(tree.covers(start, end)).toBe(list.covers(start, end));
      expect(tree.covers(start + PAGE, end + PAGE)).toBe(list.covers(start + PAGE, end + PAGE));
      for (const mask of [1, 2, 3]) expect(tree.allows(start, end, mask)).toBe(list.allows(start, end, mask));
      tree.edit(start, end, cut, change, join);
      list.edit(start, end, change);
    }
    expect(tree.toArray()).toEqual(list.regions);
    expect(tree.size).toBe(list.regions.length);
    expect(tree.lowestStart()).toBe(list.regions[0]?.start);
  }
  for (let a = floor; a < TOP; a += PAGE) expect(tree.find(a + 8)).toEqual(list.find(a + 8));
}

describe('RegionTree', () => {
  it('matches the sorted-list model on random mmap/munmap/mprotect/fork sequences', () => {
    fc.assert(fc.property(fc.array(opArb, { maxLength: 80 }), fc.integer({ min: 16, max: 600 }), (ops, floorPages) => {
      replay(ops, floorPages);
    }), { numRuns: 300 });
  });

  it('places regions top-down and fills the highest hole first', () => {
    const t = new RegionTree<R>();
    const place = (pages: number): number => {
      const at = t.highestGap(pages * PAGE, 0x1000_0000, TOP);
      t.insert({ start: at, end: at + pages * PAGE, prot: 3 });
      return at;
    };
    expect([place(1), place(2), place(1)]).toEqual([TOP - PAGE, TOP - 3 * PAGE, TOP - 4 * PAGE]);
    t.edit(TOP - 3 * PAGE, TOP - 2 * PAGE, cut, () => null); // a one-page hole in the two-page region
    expect(t.toArray().map((r) => (TOP - r.start) / PAGE)).toEqual([4, 2, 1]);
    expect(place(2)).toBe(TOP - 6 * PAGE); // too big for the hole
    expect(place(1)).toBe(TOP - 3 * PAGE); // the hole, the highest gap that fits
    expect(t.size).toBe(5);
  });

  // Found by attack26: fork copied every region (65,536 regions: 75 ms a fork).
  it('clones without copying: the copy holds the very same region objects, and edits to either stay its own', () => {
    const t = new RegionTree<R>();
    for (let i = 0; i < 1000; i++) t.insert({ start: TOP - (i + 1) * PAGE, end: TOP - i * PAGE, prot: 1 });
    const copy = t.clone();
    const [mine, theirs] = [t.toArray(), copy.toArray()];
    expect(theirs).toHaveLength(1000);
    theirs.forEach((r, i) => expect(r).toBe(mine[i]));
    copy.edit(TOP - 500 * PAGE, TOP, cut, () => null);
    t.edit(TOP - 1000 * PAGE, TOP - 999 * PAGE, cut, (r) => ({ ...r, prot: 3 }));
    expect([t.size, copy.size]).toEqual([1000, 500]);
    expect([t.find(TOP - 1000 * PAGE)?.prot, copy.find(TOP - 1000 * PAGE)?.prot]).toEqual([3, 1]);
    expect([t.find(TOP - PAGE)?.prot, copy.find(TOP - PAGE)]).toEqual([1, undefined]);
  });

  it('keeps 20,000 regions and finds each, splitting one in the middle', () => {
    const t = new RegionTree<R>();
    for (let i = 0; i < 20_000; i++) {
      const at = t.highestGap(PAGE, 0x1000_0000, TOP);
      t.insert({ start: at, end: at + PAGE, prot: i % 4 });
    }
    expect(t.size).toBe(20_000);
    expect(t.lowestStart()).toBe(TOP - 20_000 * PAGE);
    for (let i = 0; i < 20_000; i++) expect(t.find(TOP - (i + 1) * PAGE)?.prot).toBe(i % 4);
    t.edit(TOP - 10_001 * PAGE, TOP - 9_999 * PAGE, cut, () => null);
    expect(t.size).toBe(19_998);
    expect(t.find(TOP - 10_000 * PAGE)).toBeUndefined();
    expect(t.highestGap(2 * PAGE, 0x1000_0000, TOP)).toBe(TOP - 10_001 * PAGE);
  });
});
