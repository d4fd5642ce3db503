// The seeded accesses of a protection problem: fetches, loads and stores,
// of a word or a byte, most inside the layout's regions (near their edges
// too: past .bss and the break on their last pages, the stack below its
// used top) and the rest where SPEC section 7's kill reasons live: the null
// page, the kernel half, the guard page, the gaps no region holds, and
// misaligned words. Only the plan: the machine says what each one does.
import { GUARD_PAGE, KERNEL_BASE, MMAP_TOP, STACK_BOTTOM, STACK_TOP, TEXT_BASE } from '../mmu/layout.js';
import { PAGE_SIZE_BYTES } from '../mmu/page.js';
import type { Prng } from '../mmu/prng.js';
import { mmapPieces, type ProtectLayout } from './protectLayout.js';

export type ProtectAccessKind = 'fetch' | 'load' | 'store';

export interface ProtectAccess {
  readonly kind: ProtectAccessKind;
  /** Bytes: 4 (lw, sw, a fetch) or 1 (lb, sb). */
  readonly width: 1 | 4;
  readonly address: number;
}

type Range = readonly [number, number];

const inRange = (prng: Prng, [lo, hi]: Range) => lo + prng.below(Math.max(1, hi - lo));

/** Where accesses inside the regions go, by the band a student sees. */
function regionRanges(l: ProtectLayout): Range[] {
  const ranges: Range[] = [[TEXT_BASE, l.dataBase]];
  if (l.dataBytes > 0) ranges.push([l.dataBase, l.dataBase + l.dataBytes]);
  if (l.bssBytes > 0) ranges.push([l.bssBase, l.bssBase + l.bssBytes]);
  if (l.heapBytes > 0) ranges.push([l.heapStart, l.brk]);
  for (const m of mmapPieces(l)) ranges.push([m.start, m.end]);
  // The stack: its used top, or the untouched rest below it.
  ranges.push([STACK_TOP - l.stackPages * PAGE_SIZE_BYTES, STACK_TOP], [STACK_BOTTOM, STACK_TOP - l.stackPages * PAGE_SIZE_BYTES]);
  return ranges;
}

/** Just past an area's end on its own last page, where a region still holds it: past .bss (or .data), past the break. */
function pastEnds(l: ProtectLayout): Range[] {
  const out: Range[] = [];
  const dataEnd = l.bssBytes > 0 ? l.bssBase + l.bssBytes : l.dataBase + l.dataBytes;
  if (dataEnd > l.dataBase && dataEnd < l.heapStart) out.push([dataEnd, Math.min(dataEnd + 64, l.heapStart)]);
  if (l.brk < l.heapEnd) out.push([l.brk, Math.min(l.brk + 64, l.heapEnd)]);
  return out;
}

/** Gaps no region holds: just past the heap's last page, above the mmap regions, below the lowest one. */
function gaps(l: ProtectLayout): Range[] {
  const lowest = Math.min(MMAP_TOP, ...l.mmaps.map((m) => m.start));
  return [[l.heapEnd, l.heapEnd + 64], [MMAP_TOP, MMAP_TOP + 64], [lowest - 64, lowest], [MMAP_TOP, GUARD_PAGE]];
}

/**
 * `count` accesses. A fetch inside .text goes to a word below _start (where
 * the program keeps a jump for it) or past the last instruction.
 */
export function makeAccesses(prng: Prng, l: ProtectLayout, count: number): ProtectAccess[] {
  const accesses: ProtectAccess[] = [];
  const textPagesEnd = l.dataBase;
  const inside = regionRanges(l);
  const past = pastEnds(l);
  const between = gaps(l);
  for (let i = 0; i < count; i++) {
    const roll = prng.below(20);
    let kind: ProtectAccessKind = prng.below(5) === 0 ? 'fetch' : prng.below(2) === 0 ? 'load' : 'store';
    let address: number;
    if (roll < 10) address = inRange(prng, inside[prng.below(inside.length)]!);
    else if (roll < 12) address = inRange(prng, past[prng.below(past.length)] ?? [l.heapEnd, l.heapEnd + 64]);
    else if (roll < 13) address = prng.below(TEXT_BASE);
    else if (roll < 14) address = KERNEL_BASE + prng.below(0x7fff_fffc);
    else if (roll < 15) address = GUARD_PAGE + prng.below(PAGE_SIZE_BYTES);
    else if (roll < 17) address = inRange(prng, between[prng.below(between.length)]!);
    else if (roll < 18) {
      // A fetch in .text: a jump below _start, or nothing past the last instruction.
      kind = 'fetch';
      address = prng.below(2) === 0 && l.codeStart > TEXT_BASE ? inRange(prng, [TEXT_BASE, l.codeStart]) : inRange(prng, [l.textEnd, textPagesEnd]);
    } else {
      // A misaligned word (or jump target), anywhere in the regions.
      const a = inRange(prng, inside[prng.below(inside.length)]!);
      accesses.push({ kind, width: 4, address: (a & ~3) + 1 + prng.below(3) });
      continue;
    }
    const width: 1 | 4 = kind !== 'fetch' && prng.below(5) < 2 ? 1 : 4;
    accesses.push({ kind, width, address: fetchable(l, kind, width === 4 ? address & ~3 : address) });
  }
  return accesses;
}

/** A fetch into .text's code is moved below _start, where the program keeps its jumps (or past the end when there is no room). */
function fetchable(l: ProtectLayout, kind: ProtectAccessKind, address: number): number {
  if (kind !== 'fetch' || address < l.codeStart || address >= l.textEnd) return address >>> 0;
  return l.codeStart > TEXT_BASE ? TEXT_BASE + ((address - l.codeStart) % (l.codeStart - TEXT_BASE) & ~3) : l.textEnd;
}
