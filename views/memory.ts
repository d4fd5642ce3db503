// Reading a process's memory through its own page table without touching
// it: no A bit is set and no page is brought in. A text or data page not
// brought in yet (never touched, or dropped while clean) is read from the
// program image, as the loader would fill it; a page out in swap has no
// word to read here.
import type { ProgramImage } from '../asm/image.js';
import { TEXT_BASE } from '../asm/image.js';
import { PTE_SWAPPED } from '../kernel/softPte.js';
import { KERNEL_ROOT_INDEX } from '../mmu/layout.js';
import { frameAddress, leafIndexOf, PAGE_SIZE_BYTES, pageOf, pageOffsetOf, PTE_SIZE_BYTES, rootIndexOf } from '../mmu/page.js';
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

/**
 * The word at `va` (4-aligned) as the loader would fill its page: the image's
 * bytes of .text or .data, zero around them (a partial last word, the rest of
 * the page, the .bss that shares .data's last page); undefined for a page the
 * image does not reach.
 */
function imageWord(image: ProgramImage, va: number): number | undefined {
  const a = va >>> 0;
  const pageStart = a - pageOffsetOf(a);
  let onImagePage = false;
  let word = 0;
  for (const [bytes, base] of [[image.text, TEXT_BASE], [image.data, image.dataBase]] as const) {
    if (base >= pageStart + PAGE_SIZE_BYTES || base + bytes.length <= pageStart) continue;
    onImagePage = true;
    for (let b = 0; b < 4; b++) {
      const o = a + b - base;
      if (o >= 0 && o < bytes.length) word |= bytes[o]! << (8 * b);
    }
  }
  return onImagePage ? word >>> 0 : undefined;
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
