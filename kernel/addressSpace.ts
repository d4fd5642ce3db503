// An address space: its root page table, its ASID, and the regions that say
// what each virtual page may be (SPEC sections 4 and 7). Regions are the
// kernel's truth about rights; PTEs are made from them on demand.
import type { ProgramImage } from '../asm/image.js';
import { heapBase } from '../asm/image.js';
import { PROT_R, PROT_W, PROT_X } from './abi.js';
import { RegionTree } from './regionTree.js';
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

const cutRegion = (r: Region, start: number, end: number): Region => ({ ...r, start, end });
/** What a region lets a system call's buffer do: LOAD_OK, STORE_OK. */
const LOAD_OK = 1;
const STORE_OK = 2;
const accessFlags = (r: Region): number => (protAllows(r.prot, 'load') ? LOAD_OK : 0) | (protAllows(r.prot, 'store') ? STORE_OK : 0);

/** Two touching pieces of one edit as one region, when nothing tells them apart. */
const joinRegions = (a: Region, b: Region): Region | undefined => (a.kind === b.kind && a.prot === b.prot ? cutRegion(a, a.start, b.end) : undefined);

export class AddressSpace {
  /** ASID, or -1 while it has none (ASIDs are recycled). */
  asid = -1;
  /** Page-table frames held (root included). */
  tableFrames = 0;
  readonly heapStart: number;
  brk: number;
  /** The highest break the heap ever had: below it and above brk, memory an sbrk shrink gave back (its kill report says so). */
  brkPeak: number;
  /** text, data, heap and stack: at most four, never overlapping each other or an mmap region. */
  private fixed: Region[];
  readonly heap: Region;
  /** The mmap regions (kernel/regionTree.ts: logarithmic lookup, placement and edits). */
  private mmaps = new RegionTree<Region>(accessFlags);
  /** The lowest address any mmap region ever started at (MMAP_TOP if none): below it, an unmapped address is heap room. */
  mmapFloor = MMAP_TOP;
  /** The owning process's figures (the process hands its own in when it takes the space). */
  stats = new ProcessStats();

  constructor(readonly id: number, readonly root: number, readonly image: ProgramImage) {
    this.heapStart = heapBase(image);
    this.brk = this.heapStart;
    this.brkPeak = this.heapStart;
    const textEnd = pageAlignUp(TEXT_BASE + image.text.length);
    const dataEnd = this.heapStart;
    this.fixed = [];
    if (textEnd > TEXT_BASE) this.fixed.push({ kind: 'text', start: TEXT_BASE, end: textEnd, prot: PROT_R | PROT_X });
    if (dataEnd > image.dataBase) this.fixed.push({ kind: 'data', start: image.dataBase, end: dataEnd, prot: PROT_R | PROT_W });
    this.heap = { kind: 'heap', start: this.heapStart, end: this.heapStart, prot: PROT_R | PROT_W };
    this.fixed.push(this.heap);
    this.fixed.push({ kind: 'stack', start: STACK_BOTTOM, end: STACK_TOP, prot: PROT_R | PROT_W });
  }

  /** A copy for a forked child (regions shared, page tables not copied). */
  cloneRegions(from: AddressSpace): void {
    this.heap.end = from.heap.end;
    this.brk = from.brk;
    this.brkPeak = from.brkPeak;
    this.mmapFloor = from.mmapFloor;
    this.mmaps = from.mmaps.clone(); // shared, never changed in place: O(1)
  }

  /** Every region, sorted by start (O(n): for tests and views, not the kernel's paths). */
  get regions(): Region[] {
    return [...this.fixed, ...this.mmaps.toArray()].sort((a, b) => a.start - b.start);
  }

  /** How many mmap regions the space has. */
  get mmapCount(): number {
    return this.mmaps.size;
  }

  regionAt(va: number): Region | undefined {
    const a = va >>> 0;
    for (const r of this.fixed) if (a >= r.start && a < r.end) return r;
    return this.mmaps.find(a);
  }

  /** The lowest address the heap may not reach: the lowest mmap region, or MMAP_TOP. */
  heapLimit(): number {
    return this.mmaps.lowestStart() ?? MMAP_TOP;
  }

  /**
   * Where `bytes` (a page multiple) of new mmap region fit: the highest gap
   * below MMAP_TOP and above the heap's current end, or -1.
   */
  findMmapGap(bytes: number): number {
    return this.mmaps.highestGap(bytes, pageAlignUp(this.brk), MMAP_TOP);
  }

  /** Adds an mmap region (placed by findMmapGap, so it overlaps nothing). */
  addRegion(region: Region): void {
    if (region.kind === 'mmap' && region.start < this.mmapFloor) this.mmapFloor = region.start;
    this.mmaps.insert(region);
  }

  /** True when every page of [start, end) lies in mmap regions (O(log n), however many it crosses). */
  coveredByMmap(start: number, end: number): boolean {
    return this.mmaps.covers(start, end);
  }

  /** True when mmap regions hold every byte of [start, end) (start < end), each allowing `access`. O(log n). */
  mmapAllows(start: number, end: number, access: 'load' | 'store'): boolean {
    return this.mmaps.allows(start, end, access === 'load' ? LOAD_OK : STORE_OK);
  }

  /**
   * Splits mmap regions so that [start, end) is made of whole regions, then
   * applies `change` to each (null removes it). What is left of [start, end)
   * with the same rights is one region (regions outside it stay as they
   * are): mprotect over many regions leaves one, so repeating it is cheap.
   */
  editMmap(start: number, end: number, change: (r: Region) => Region | null): void {
    this.mmaps.edit(start, end, cutRegion, change, joinRegions);
  }
}

/** Rights an access needs from a region's prot. */
export function protAllows(prot: number, access: 'fetch' | 'load' | 'store'): boolean {
  if (access === 'fetch') return (prot & PROT_X) !== 0;
  if (access === 'load') return (prot & (PROT_R | PROT_W)) !== 0;
  return (prot & PROT_W) !== 0;
}
