// The kernel's use of the PTE's four software bits (11..8), which the MMU
// ignores, and of non-present PTEs:
//
//   present (V=1):   frame | rights | COW? | DIRTY?
//   swapped (V=0):   slot << 12 | SWAPPED | COW?
//   untouched:       0  (the region says how to make the page: image or zeros)
import { PTE_FRAME_SHIFT, PTE_SOFT_SHIFT } from '../mmu/pte.js';

/** Shared copy-on-write: W is withheld until a write fault copies (or reclaims) the page. */
export const PTE_COW = 1 << PTE_SOFT_SHIFT;
/** Not present: the page is in swap slot swapSlotOf(pte) (the frame field). */
export const PTE_SWAPPED = 2 << PTE_SOFT_SHIFT;
/** The content differs from what the region would make afresh, though D may be clear. */
export const PTE_DIRTY = 4 << PTE_SOFT_SHIFT;

export function swappedPte(slot: number, cow: boolean): number {
  return ((slot << PTE_FRAME_SHIFT) | PTE_SWAPPED | (cow ? PTE_COW : 0)) >>> 0;
}

/** The swap slot a swapped PTE names. */
export function swapSlotOf(pte: number): number {
  return pte >>> PTE_FRAME_SHIFT;
}
