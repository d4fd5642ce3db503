// kernel/addressSpace.ts: the regions of SPEC section 4, the heap limit,
// where mmap places regions (the gaps), and munmap/mprotect's edits.
import { expect, test } from 'vitest';
import { AddressSpace, protAllows } from '../../kernel/addressSpace.js';
import { GUARD_PAGE, MMAP_TOP, STACK_BOTTOM, STACK_TOP, TEXT_BASE } from '../../mmu/layout.js';
import { source } from '../e2e/harness.js';

// 2 instructions of .text, 8 bytes of .data, 5000 bytes of .bss.
const IMAGE = source('a.s', ['_start: nop', 'halt', '.data', 'd: .word 1, 2', '.bss', 'b: .space 5000'].join('\n')).image;
const PAGE = 4096;
const R = 1, W = 2, X = 4;
const space = () => new AddressSpace(1, 0, IMAGE);
const spans = (s: AddressSpace) => s.regions.map((r) => [r.kind, r.start, r.end, r.prot]);

test('a new space: text, data+bss, an empty heap, the stack; the guard pages are in none', () => {
  const s = space();
  expect(spans(s)).toEqual([
    ['text', TEXT_BASE, TEXT_BASE + PAGE, R | X],
    ['data', 0x2000, 0x4000, R | W],
    ['heap', 0x4000, 0x4000, R | W],
    ['stack', STACK_BOTTOM, STACK_TOP, R | W],
  ]);
  expect([s.heapStart, s.brk, s.heapLimit()]).toEqual([0x4000, 0x4000, MMAP_TOP]);
  expect([s.regionAt(0), s.regionAt(TEXT_BASE - 1), s.regionAt(GUARD_PAGE), s.regionAt(STACK_BOTTOM - 1), s.regionAt(STACK_TOP)]).toEqual(
    [undefined, undefined, undefined, undefined, undefined]);
  expect(s.regionAt(STACK_TOP - 1)?.kind).toBe('stack');
});

test('mmap regions go top-down from MMAP_TOP, into the highest gap that fits', () => {
  const s = space();
  const place = (bytes: number, prot = R | W) => {
    const start = s.findMmapGap(bytes);
    if (start >= 0) s.addRegion({ kind: 'mmap', start, end: start + bytes, prot });
    return start;
  };
  expect(place(2 * PAGE)).toBe(MMAP_TOP - 2 * PAGE);
  expect(place(PAGE)).toBe(MMAP_TOP - 3 * PAGE);
  expect(place(PAGE)).toBe(MMAP_TOP - 4 * PAGE);
  // Unmap the middle one: a one-page gap the next one-page region fills, a larger one goes below.
  s.editMmap(MMAP_TOP - 3 * PAGE, MMAP_TOP - 2 * PAGE, () => null);
  expect(place(2 * PAGE)).toBe(MMAP_TOP - 6 * PAGE);
  expect(place(PAGE)).toBe(MMAP_TOP - 3 * PAGE);
  expect(s.heapLimit()).toBe(MMAP_TOP - 6 * PAGE);
  // Nothing fits between the heap's end and the lowest region: -1.
  expect(s.findMmapGap(MMAP_TOP - 6 * PAGE - 0x4000 + PAGE)).toBe(-1);
  expect(s.findMmapGap(MMAP_TOP - 6 * PAGE - 0x4000)).toBe(0x4000);
});

test('editMmap splits regions at the edges of the range, edits the inside, and joins what it left alike', () => {
  const s = space();
  s.addRegion({ kind: 'mmap', start: 0x10_0000, end: 0x10_4000, prot: R | W });
  s.addRegion({ kind: 'mmap', start: 0x10_4000, end: 0x10_6000, prot: R });
  expect([s.coveredByMmap(0x10_1000, 0x10_5000), s.coveredByMmap(0x10_1000, 0x10_7000), s.coveredByMmap(0x4000, 0x5000)]).toEqual([true, false, false]);
  s.editMmap(0x10_1000, 0x10_5000, (r) => ({ ...r, prot: R | X }));
  expect(spans(s).filter(([kind]) => kind === 'mmap')).toEqual([
    ['mmap', 0x10_0000, 0x10_1000, R | W],
    ['mmap', 0x10_1000, 0x10_5000, R | X], // two pieces with the same rights, made one
    ['mmap', 0x10_5000, 0x10_6000, R],
  ]);
  s.editMmap(0x10_2000, 0x10_5800, () => null);
  expect(spans(s).filter(([kind]) => kind === 'mmap')).toEqual([
    ['mmap', 0x10_0000, 0x10_1000, R | W],
    ['mmap', 0x10_1000, 0x10_2000, R | X],
    ['mmap', 0x10_5800, 0x10_6000, R],
  ]);
});

test('a forked child gets the parent\'s regions, and its edits stay its own', () => {
  const parent = space();
  parent.addRegion({ kind: 'mmap', start: 0x10_0000, end: 0x10_1000, prot: R });
  parent.brk = 0x4100;
  const child = new AddressSpace(2, 0, IMAGE);
  child.cloneRegions(parent);
  expect([spans(child), child.brk]).toEqual([spans(parent), 0x4100]);
  child.editMmap(0x10_0000, 0x10_1000, () => null);
  expect(parent.regionAt(0x10_0000)?.kind).toBe('mmap');
});

test('rights per access kind: W implies readable, fetch needs X', () => {
  expect([R, W, X, R | W, R | X].map((p) => [protAllows(p, 'fetch'), protAllows(p, 'load'), protAllows(p, 'store')])).toEqual([
    [false, true, false], [false, true, true], [true, false, false], [false, true, true], [true, true, false],
  ]);
});
