// An address space: its root page table, its ASID, and the regions that say
// what each virtual page may be (SPEC sections 4 and 7). Regions are the
// kernel's truth about rights; PTEs are made from them on demand.
import type { ProgramImage } from '../asm/image.js';
import { heapBase } from '../asm/image.js';
import { PROT_R, PROT_W, PROT_X } from './abi.js';
import { MMAP_TOP, pageAlignUp, STACK_BOTTOM, STACK_TOP, TEXT_BASE } from '../mmu/layout.js';
import { ProcessStats } from './processStats.js';

export type RegionKind = 'text' | 'data' | 'heap' | 'stack' | 'mmap';

export interface Region {
  readonly kind: RegionKind;
  /** Page-aligned bounds, end exclusive. */
  start: number;
  end: number;
  prot: number;
}

export class AddressSpace {
  /** ASID, or -1 while it has none (ASIDs are recycled). */
  asid = -1;
  /** Page-table frames held (root included). */
  tableFrames = 0;
  readonly heapStart: number;
  brk: number;
  /** Sorted by start; never overlapping. */
  regions: Region[];
  /** The lowest address any mmap region ever started at (MMAP_TOP if none): below it, an unmapped address is heap room. */
  mmapFloor = MMAP_TOP;
  /** The owning process's figures (the process hands its own in when it takes the space). */
  stats = new ProcessStats();

  constructor(readonly id: number, readonly root: number, readonly image: ProgramImage) {
    this.heapStart = heapBase(image);
    this.brk = this.heapStart;
    const textEnd = pageAlignUp(TEXT_BASE + image.text.length);
    const dataEnd = this.heapStart;
    this.regions = [];
    if (textEnd > TEXT_BASE) this.regions.push({ kind: 'text', start: TEXT_BASE, end: textEnd, prot: PROT_R | PROT_X });
    if (dataEnd > image.dataBase) this.regions.push({ kind: 'data', start: image.dataBase, end: dataEnd, prot: PROT_R | PROT_W });
    this.regions.push({ kind: 'heap', start: this.heapStart, end: this.heapStart, prot: PROT_R | PROT_W });
    this.regions.push({ kind: 'stack', start: STACK_BOTTOM, end: STACK_TOP, prot: PROT_R | PROT_W });
  }

  /** A copy for a forked child (regions copied, page tables not). */
  cloneRegions(from: AddressSpace): void {
    this.regions = from.regions.map((r) => ({ ...r }));
    this.brk = from.brk;
    this.mmapFloor = from.mmapFloor;
  }

  regionAt(va: number): Region | undefined {
    const a = va >>> 0;
    for (const r of this.regions) if (a >= r.start && a < r.end) return r;
    return undefined;
  }

  get heap(): Region {
    return this.regions.find((r) => r.kind === 'heap')!;
  }

  /** The lowest address the heap may not reach: the lowest mmap region, or MMAP_TOP. */
  heapLimit(): number {
    let limit = MMAP_TOP;
    for (const r of this.regions) if (r.kind === 'mmap' && r.start < limit) limit = r.start;
    return limit;
  }

  /**
   * Where `bytes` (a page multiple) of new mmap region fit: the highest gap
   * below MMAP_TOP and above the heap's current end, or -1.
   */
  findMmapGap(bytes: number): number {
    const floor = pageAlignUp(this.brk);
    const taken = this.regions.filter((r) => r.kind === 'mmap').sort((a, b) => b.start - a.start);
    let ceiling = MMAP_TOP;
    for (const r of taken) {
      if (ceiling - r.end >= bytes && ceiling - bytes >= floor) return ceiling - bytes;
      ceiling = Math.min(ceiling, r.start);
    }
    return ceiling - bytes >= floor ? ceiling - bytes : -1;
  }

  addRegion(region: Region): void {
    if (region.kind === 'mmap' && region.start < this.mmapFloor) this.mmapFloor = region.start;
    this.regions.push(region);
    this.regions.sort((a, b) => a.start - b.start);
  }

  /** True when every page of [start, end) lies in mmap regions. */
  coveredByMmap(start: number, end: number): boolean {
    let a = start;
    while (a < end) {
      const r = this.regionAt(a);
      if (r === undefined || r.kind !== 'mmap') return false;
      a = r.end;
    }
    return true;
  }

  /**
   * Splits mmap regions so that [start, end) is made of whole regions, then
   * applies `change` to each (null removes it).
   */
  editMmap(start: number, end: number, change: (r: Region) => Region | null): void {
    const next: Region[] = [];
    for (const r of this.regions) {
      if (r.kind !== 'mmap' || r.end <= start || r.start >= end) { next.push(r); continue; }
      if (r.start < start) next.push({ ...r, end: start });
      const inside = change({ ...r, start: Math.max(r.start, start), end: Math.min(r.end, end) });
      if (inside !== null) next.push(inside);
      if (r.end > end) next.push({ ...r, start: end });
    }
    this.regions = next.sort((a, b) => a.start - b.start);
  }
}

/** Rights an access needs from a region's prot. */
export function protAllows(prot: number, access: 'fetch' | 'load' | 'store'): boolean {
  if (access === 'fetch') return (prot & PROT_X) !== 0;
  if (access === 'load') return (prot & (PROT_R | PROT_W)) !== 0;
  return (prot & PROT_W) !== 0;
}
