// The address space of a protection problem: a seeded plan of sizes (text
// pages, .data, .bss, the heap's sbrk, mmap regions, an mprotect, the stack's
// touched depth, the pages used before the accesses), placed as SPEC section 4
// lays a process out. Only the plan: the generated program
// (homework/protectProgram.ts) builds it on the real kernel, and the machine
// (homework/protectMachine.ts) checks that the kernel built exactly this.
//
//   0x00001000  .text: [only the jumps fetches land on ...][_start: the code]  (the rest of its last page: nothing)
//   dataBase    .data, then .bss (a page boundary after .text)
//   heapStart   the heap, grown once by sbrk (a page boundary after .bss)
//   ...         mmap regions, top-down from 0x7FE00000
//   0x7FEFF000  guard page; 0x7FF00000 stack; 0x80000000 kernel half
import { PROT_R, PROT_W } from '../kernel/abi.js';
import { rightsText } from '../kernel/killReport.js';
import { GUARD_PAGE, KERNEL_BASE, MMAP_TOP, pageAlignUp, STACK_BOTTOM, STACK_TOP, TEXT_BASE } from '../mmu/layout.js';
import { PAGE_SIZE_BYTES } from '../mmu/page.js';
import type { Prng } from '../mmu/prng.js';

export type TouchArea = 'text' | 'data' | 'heap' | 'mmap' | 'stack';

/** Everything about the layout that does not depend on where .text ends. */
export interface ProtectSizes {
  readonly textPages: number;
  readonly dataBytes: number;
  readonly bssBytes: number;
  readonly heapBytes: number;
  /** In the order they are mapped (the first one highest). */
  readonly mmaps: readonly { readonly pages: number; readonly prot: number }[];
  /** One page of an rw- mmap region made read-only (or ---) after the touches. */
  readonly mprotect: { readonly region: number; readonly page: number; readonly prot: number } | undefined;
  /** Pages at the top of the stack the process has used. */
  readonly stackPages: number;
  /** Pages the process uses before the access, by area and page index (mmap: region index too). */
  readonly touched: readonly { readonly area: TouchArea; readonly region: number; readonly page: number }[];
}

export interface ProtectLayout {
  /** _start: the code runs from here to textEnd, all on .text's last page. */
  readonly codeStart: number;
  /** The end of the last assembled instruction. */
  readonly textEnd: number;
  readonly dataBase: number;
  readonly dataBytes: number;
  readonly bssBase: number;
  readonly bssBytes: number;
  readonly heapStart: number;
  /** The break after sbrk(heapBytes); the heap region ends at it rounded up to a page. */
  readonly heapBytes: number;
  readonly brk: number;
  readonly heapEnd: number;
  readonly mmaps: readonly { readonly start: number; readonly end: number; readonly prot: number }[];
  readonly mprotect: { readonly start: number; readonly end: number; readonly prot: number } | undefined;
  readonly stackPages: number;
  /** The accesses the program makes before the access, in order: a store where the page is writable, else a load. */
  readonly touched: readonly { readonly address: number; readonly store: boolean }[];
}

export type AreaName = 'null' | 'text' | 'data' | 'bss' | 'heap' | 'mmap' | 'none' | 'guard' | 'stack' | 'kernel';

/** One band of the address space as a student draws it; `end` exclusive. */
export interface Area {
  readonly name: AreaName;
  readonly start: number;
  readonly end: number;
  /** The region's rights as the kernel prints them (r-x, rw-, ---); --- where no region is. */
  readonly rights: string;
  /** Addresses of the pages overlapping the band that are present before the access. */
  readonly present: readonly number[];
}

const pick = <T>(prng: Prng, xs: readonly T[]): T => xs[prng.below(xs.length)]!;
/** mmap rights a problem draws: rw- twice as often as each of the others (never x: see docs/homework.md). */
const MMAP_PROTS = [PROT_R | PROT_W, PROT_R | PROT_W, PROT_R, 0, PROT_W];

/** The sizes of a problem's address space, from its seed. */
export function planSizes(prng: Prng, mmapCount: number): ProtectSizes {
  const textPages = 1 + prng.below(2);
  const dataBytes = prng.below(5) === 0 ? 0 : 4 * (1 + prng.below(1600));
  const bssBytes = prng.below(5) === 0 ? 0 : 4 * (1 + prng.below(2500));
  const heapBytes = prng.below(5) === 0 ? 0 : 16 * (1 + prng.below(700));
  const mmaps = Array.from({ length: mmapCount }, () => ({ pages: 1 + prng.below(3), prot: pick(prng, MMAP_PROTS) }));
  const writable = mmaps.flatMap((m, i) => (m.prot === (PROT_R | PROT_W) ? [i] : []));
  let mprotect: ProtectSizes['mprotect'];
  if (writable.length > 0 && prng.below(3) !== 0) {
    const region = pick(prng, writable);
    mprotect = { region, page: prng.below(mmaps[region]!.pages), prot: prng.below(3) === 0 ? 0 : PROT_R };
  }
  const stackPages = 1 + prng.below(3);
  const touched: ProtectSizes['touched'][number][] = [];
  // About half of each area's pages are used before the access (text: the pages below the code's).
  const maybe = (area: TouchArea, region: number, pages: number) => {
    for (let page = 0; page < pages; page++) if (prng.below(2) === 0) touched.push({ area, region, page });
  };
  maybe('text', 0, textPages - 1);
  maybe('data', 0, pageAlignUp(alignWord(dataBytes) + bssBytes) / PAGE_SIZE_BYTES);
  maybe('heap', 0, pageAlignUp(heapBytes) / PAGE_SIZE_BYTES);
  mmaps.forEach((m, i) => { if (m.prot !== 0) maybe('mmap', i, m.pages); });
  return { textPages, dataBytes, bssBytes, heapBytes, mmaps, mprotect, stackPages, touched };
}

const alignWord = (n: number) => Math.ceil(n / 4) * 4;

/** Where .text may end for `codeBytes` of code on its last page, leaving room before it (the jumps) and after it (nothing). */
export function textEndRange(textPages: number, codeBytes: number): [number, number] {
  const lastPage = TEXT_BASE + (textPages - 1) * PAGE_SIZE_BYTES;
  const lo = lastPage + codeBytes + (textPages === 1 ? 64 : 16);
  const hi = lastPage + PAGE_SIZE_BYTES - 16;
  if (lo > hi) throw new Error(`homework protect: ${codeBytes} bytes of code do not fit on one text page`);
  return [lo, hi];
}

/** The layout, with .text ending at `textEnd` and `codeBytes` of code before it. */
export function placeLayout(s: ProtectSizes, textEnd: number, codeBytes: number): ProtectLayout {
  const dataBase = pageAlignUp(textEnd);
  const bssBase = dataBase + alignWord(s.dataBytes);
  const heapStart = pageAlignUp(bssBase + s.bssBytes);
  const brk = heapStart + s.heapBytes;
  const heapEnd = pageAlignUp(brk);
  const mmaps: { start: number; end: number; prot: number }[] = [];
  let top = MMAP_TOP;
  for (const m of s.mmaps) {
    mmaps.push({ start: top - m.pages * PAGE_SIZE_BYTES, end: top, prot: m.prot });
    top -= m.pages * PAGE_SIZE_BYTES;
  }
  const mp = s.mprotect;
  const mprotect = mp === undefined ? undefined : {
    start: mmaps[mp.region]!.start + mp.page * PAGE_SIZE_BYTES, end: mmaps[mp.region]!.start + (mp.page + 1) * PAGE_SIZE_BYTES, prot: mp.prot,
  };
  const touched = s.touched.map((t) => {
    const base = t.area === 'text' ? TEXT_BASE : t.area === 'data' ? dataBase : t.area === 'heap' ? heapStart : mmaps[t.region]!.start;
    const prot = t.area === 'text' ? PROT_R : t.area === 'mmap' ? mmaps[t.region]!.prot : PROT_R | PROT_W;
    return { address: base + t.page * PAGE_SIZE_BYTES, store: (prot & PROT_W) !== 0 };
  });
  for (let i = 0; i < s.stackPages; i++) touched.push({ address: STACK_TOP - (i + 1) * PAGE_SIZE_BYTES, store: true });
  return {
    codeStart: textEnd - codeBytes, textEnd, dataBase, dataBytes: s.dataBytes, bssBase, bssBytes: s.bssBytes,
    heapStart, heapBytes: s.heapBytes, brk, heapEnd, mmaps, mprotect, stackPages: s.stackPages, touched,
  };
}

/** The mmap regions after the mprotect, sorted by address: what the kernel's region list holds. */
export function mmapPieces(l: ProtectLayout): { start: number; end: number; prot: number }[] {
  const pieces: { start: number; end: number; prot: number }[] = [];
  for (const m of l.mmaps) {
    const p = l.mprotect;
    if (p === undefined || p.start < m.start || p.start >= m.end) {
      pieces.push({ ...m });
      continue;
    }
    if (p.start > m.start) pieces.push({ start: m.start, end: p.start, prot: m.prot });
    pieces.push({ ...p });
    if (p.end < m.end) pieces.push({ start: p.end, end: m.end, prot: m.prot });
  }
  return pieces.sort((a, b) => a.start - b.start);
}

/** The pages present before the access: the code's page, the pages touched, the top of the stack. */
export function presentPages(l: ProtectLayout): Set<number> {
  const pages = new Set<number>();
  const page = (a: number) => a - (a % PAGE_SIZE_BYTES);
  for (let a = page(l.codeStart); a < l.textEnd; a += PAGE_SIZE_BYTES) pages.add(a);
  for (const t of l.touched) pages.add(page(t.address));
  return pages;
}

/** Every band of the address space from 0 to 4 GiB, in order. */
export function areasOf(l: ProtectLayout): Area[] {
  const present = presentPages(l);
  const areas: Area[] = [];
  const add = (name: AreaName, start: number, end: number, rights: string) => {
    if (end <= start) return;
    // A page is listed in every band it overlaps (.data's last page is .bss's first).
    const pages = [...present].filter((p) => p < end && p + PAGE_SIZE_BYTES > start).sort((a, b) => a - b);
    areas.push({ name, start, end, rights, present: pages });
  };
  add('null', 0, TEXT_BASE, '---');
  add('text', TEXT_BASE, l.dataBase, 'r-x');
  if (l.bssBytes === 0) add('data', l.dataBase, l.heapStart, 'rw-');
  else {
    add('data', l.dataBase, l.bssBase, 'rw-');
    add('bss', l.bssBase, l.heapStart, 'rw-');
  }
  add('heap', l.heapStart, l.heapEnd, 'rw-');
  let at = l.heapEnd;
  for (const m of mmapPieces(l)) {
    add('none', at, m.start, '---');
    add('mmap', m.start, m.end, rightsText(m.prot));
    at = m.end;
  }
  add('none', at, GUARD_PAGE, '---');
  add('guard', GUARD_PAGE, STACK_BOTTOM, '---');
  add('stack', STACK_BOTTOM, STACK_TOP, 'rw-');
  add('kernel', KERNEL_BASE, 0x1_0000_0000, '---');
  return areas;
}

/** The band holding `address`. */
export function areaAt(areas: readonly Area[], address: number): Area {
  return areas.find((a) => address >= a.start && address < a.end)!;
}
