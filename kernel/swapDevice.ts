// The swap device: a fixed number of page-sized slots, each reference-counted
// because a copy-on-write page that was swapped out is shared by every
// process that shared its frame. Slot storage is allocated on first use, so
// a large device costs nothing until it is written; so is the free list:
// slots never used are handed out in order after the freed ones, which is
// the order a list of every slot would give, without building it at boot.
import { PAGE_SIZE_BYTES } from '../mmu/page.js';

export class SwapDevice {
  private readonly data: (Uint8Array | undefined)[] = [];
  private readonly refs: Int32Array;
  /** Slots freed since they were used, the last freed on top: taken first. */
  private readonly freed: number[] = [];
  /** Slots below this have been used at least once. */
  private neverUsed = 0;
  usedSlots = 0;

  constructor(readonly slots: number) {
    this.refs = new Int32Array(slots);
  }

  get freeSlots(): number {
    return this.freed.length + this.slots - this.neverUsed;
  }

  /** Takes a free slot with `refs` references, or -1. */
  allocate(refs: number): number {
    let s = this.freed.pop();
    if (s === undefined) {
      if (this.neverUsed === this.slots) return -1;
      s = this.neverUsed++;
    }
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
      this.freed.push(slot);
    }
  }
}
