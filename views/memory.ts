// Reading a process's memory through its own page table without touching
// it: no A bit is set and no page is brought in. A text page not brought in
// yet is read from the program image, as the loader would fill it.
import { TEXT_BASE } from '../asm/image.js';
import { KERNEL_ROOT_INDEX } from '../mmu/layout.js';
import { PAGE_SHIFT } from '../mmu/page.js';
import { physicalWord, type Kernel, type Process } from './machine.js';
import { isTablePointer } from './pte.js';

/** The physical address of `va` in p's space, or undefined when the page is not present (or is the kernel's). */
export function physicalAddressOf(k: Kernel, p: Process, va: number): number | undefined {
  const space = p.space;
  const a = va >>> 0;
  if (space === undefined || a >>> 22 >= KERNEL_ROOT_INDEX) return undefined;
  const root = physicalWord(k, (space.root << PAGE_SHIFT) + (a >>> 22) * 4);
  if (!isTablePointer(root)) return undefined;
  const leaf = physicalWord(k, ((root >>> PAGE_SHIFT) << PAGE_SHIFT) + ((a >>> PAGE_SHIFT) & 1023) * 4);
  if ((leaf & 1) === 0) return undefined;
  return (((leaf >>> PAGE_SHIFT) << PAGE_SHIFT) | (a & 0xfff)) >>> 0;
}

/** The word at `va` (4-aligned) as p would read it, or undefined when there is none to read. */
export function wordOf(k: Kernel, p: Process, va: number): number | undefined {
  const pa = physicalAddressOf(k, p, va);
  if (pa !== undefined) return physicalWord(k, pa);
  const image = p.space?.image;
  const o = (va >>> 0) - TEXT_BASE;
  if (image === undefined || o < 0 || o + 4 > image.text.length) return undefined;
  const t = image.text;
  return (t[o]! | (t[o + 1]! << 8) | (t[o + 2]! << 16) | (t[o + 3]! << 24)) >>> 0;
}
