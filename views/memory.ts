// Reading a process's memory through its own page table without touching
// it: no A bit is set and no page is brought in. A text or data page not
// brought in yet (never touched, or dropped while clean) is read from the
// program image, as the loader would fill it; a page out in swap has no
// word to read here.
import type { ProgramImage } from '../asm/image.js';
import { TEXT_BASE } from '../asm/image.js';
import { PTE_SWAPPED } from '../kernel/softPte.js';
import { KERNEL_ROOT_INDEX } from '../mmu/layout.js';
import { frameAddress, leafIndexOf, pageOf, pageOffsetOf, PTE_SIZE_BYTES, rootIndexOf } from '../mmu/page.js';
import { PTE_V, pteFrame } from '../mmu/pte.js';
import { physicalWord, type Kernel, type Process } from './machine.js';
import { isTablePointer } from './pte.js';

/** The leaf PTE of `va` in p's space (0 when there is no leaf table), or undefined for no space or the kernel half. */
function leafOf(k: Kernel, p: Process, va: number): number | undefined {
  const space = p.space;
  const vpn = pageOf(va >>> 0);
  if (space === undefined || rootIndexOf(vpn) >= KERNEL_ROOT_INDEX) return undefined;
  const root = physicalWord(k, frameAddress(space.root) + rootIndexOf(vpn) * PTE_SIZE_BYTES);
  if (!isTablePointer(root)) return 0;
  return physicalWord(k, frameAddress(pteFrame(root)) + leafIndexOf(vpn) * PTE_SIZE_BYTES);
}

/** The physical address of `va` in p's space, or undefined when the page is not present (or is the kernel's). */
export function physicalAddressOf(k: Kernel, p: Process, va: number): number | undefined {
  const leaf = leafOf(k, p, va);
  if (leaf === undefined || (leaf & PTE_V) === 0) return undefined;
  return (frameAddress(pteFrame(leaf)) | pageOffsetOf(va >>> 0)) >>> 0;
}

/** The image's word at `va` (4-aligned) in .text or .data, or undefined outside them. */
function imageWord(image: ProgramImage, va: number): number | undefined {
  const a = va >>> 0;
  for (const [bytes, base] of [[image.text, TEXT_BASE], [image.data, image.dataBase]] as const) {
    const o = a - base;
    if (o >= 0 && o + 4 <= bytes.length) return (bytes[o]! | (bytes[o + 1]! << 8) | (bytes[o + 2]! << 16) | (bytes[o + 3]! << 24)) >>> 0;
  }
  return undefined;
}

/**
 * The word at `va` (4-aligned) as p would read it, or undefined when there
 * is none to read here (no region, swapped out, or zero-fill not made yet).
 */
export function wordOf(k: Kernel, p: Process, va: number): number | undefined {
  const leaf = leafOf(k, p, va);
  if (leaf === undefined) return undefined;
  if ((leaf & PTE_V) !== 0) return physicalWord(k, (frameAddress(pteFrame(leaf)) | pageOffsetOf(va >>> 0)) >>> 0);
  if ((leaf & PTE_SWAPPED) !== 0) return undefined;
  return imageWord(p.space!.image, va);
}
