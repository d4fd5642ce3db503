// The swap device: a fixed number of page-sized slots, each reference-counted
// because a copy-on-write page that was swapped out is shared by every
// process that shared its frame. Slot storage is allocated on first use, so
// a large device costs nothing until it is written.
import { PAGE_SIZE_BYTES } from '../mmu/page.js';

export class SwapDevice {
  private readonly data: (Uint8Array | undefined)[];
  private readonly refs: Int32Array;
  private readonly freeList: number[] = [];
  usedSlots = 0;

  constructor(readonly slots: number) {
    this.data = new Array<Uint8Array | undefined>(slots).fill(undefined);
    this.refs = new Int32Array(slots);
    for (let s = slots - 1; s >= 0; s--) this.freeList.push(s);
  }

  get freeSlots(): number {
    return this.freeList.length;
  }

  /** Takes a free slot with `refs` references, or -1. */
  allocate(refs: number): number {
    const s = this.freeList.pop();
    if (s === undefined) return -1;
    this.refs[s] = refs;
    this.usedSlots++;
    return s;
  }

  write(slot: number, page: Uint8Array): void {
    let buf = this.data[slot];
    if (buf === undefined) buf = this.data[slot] = new Uint8Array(PAGE_SIZE_BYTES);
    buf.set(page);
  }

  read(slot: number, into: Uint8Array): void {
    const buf = this.data[slot];
    if (buf === undefined) throw new Error(`kernel bug: swap slot ${slot} read before written`);
    into.set(buf);
  }

  addRef(slot: number): void {
    this.refs[slot]!++;
  }

  refsOf(slot: number): number {
    return this.refs[slot]!;
  }

  /** Drops one reference; the slot is free again when none are left. */
  release(slot: number): void {
    if (this.refs[slot]! <= 0) throw new Error(`kernel bug: swap slot ${slot} released twice`);
    if (--this.refs[slot]! === 0) {
      this.usedSlots--;
      this.freeList.push(slot);
    }
  }
}
