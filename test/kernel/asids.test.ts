// kernel/asids.ts: ASIDs 1..255 handed to address spaces, the least recently
// run taken back when they run out, the TLB flushed of a freed or taken ASID.
import { expect, test } from 'vitest';
import { AddressSpace } from '../../kernel/addressSpace.js';
import { AsidAllocator } from '../../kernel/asids.js';
import { DEFAULT_TLB_CONFIG, Tlb } from '../../mmu/tlb.js';
import { source } from '../e2e/harness.js';

const IMAGE = source('a.s', '_start: halt').image;
const spaces = (n: number) => Array.from({ length: n }, (_, i) => new AddressSpace(i + 1, 0, IMAGE));

/** A TLB that records the ASIDs it was told to flush. */
function recordingTlb(): { tlb: Tlb; flushed: number[] } {
  const tlb = new Tlb(DEFAULT_TLB_CONFIG);
  const flushed: number[] = [];
  tlb.invalidateAsid = (asid: number) => { flushed.push(asid); };
  return { tlb, flushed };
}

test('each space gets its own ASID from 1 and keeps it', () => {
  const { tlb, flushed } = recordingTlb();
  const asids = new AsidAllocator(tlb);
  const [a, b] = spaces(2);
  expect([asids.assign(a!), asids.assign(b!), asids.assign(a!)]).toEqual([1, 2, 1]);
  expect([asids.ownerOf(1), asids.ownerOf(2), asids.ownerOf(3)]).toEqual([a, b, undefined]);
  // A fresh ASID is flushed before use: a previous owner may have left entries.
  expect([flushed, asids.recycled]).toEqual([[1, 2], 0]);
});

test('out of ASIDs: the one that ran least recently is taken back and flushed', () => {
  const { tlb, flushed } = recordingTlb();
  const asids = new AsidAllocator(tlb, 3);
  const [a, b, c, d] = spaces(4);
  asids.assign(a!); asids.assign(b!); asids.assign(c!);
  asids.assign(a!); // a ran last: b is now the least recent
  expect(asids.assign(d!)).toBe(2);
  expect([b!.asid, d!.asid, asids.ownerOf(2), asids.recycled]).toEqual([-1, 2, d, 1]);
  expect(flushed).toEqual([1, 2, 3, 2]);
  expect(asids.assign(b!)).toBe(3); // c is the least recent now
  expect([c!.asid, asids.recycled]).toEqual([-1, 2]);
});

test('release frees the ASID and flushes it', () => {
  const { tlb, flushed } = recordingTlb();
  const asids = new AsidAllocator(tlb);
  const [a, b] = spaces(2);
  asids.assign(a!);
  asids.release(a!);
  asids.release(a!); // no ASID: nothing happens
  expect([a!.asid, asids.ownerOf(1), flushed]).toEqual([-1, undefined, [1, 1]]);
  expect(asids.assign(b!)).toBe(1);
});
