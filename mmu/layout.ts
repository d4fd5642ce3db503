// The address space every process gets (SPEC section 4), drawn once. The
// assembler places a program by it and the kernel builds each address space
// by it; the MMU's own code reads none of it (it walks whatever the kernel
// wrote), which is why it may live here, below both of them.
//
//   0xFFFFFFFF +---------------------------+
//              | kernel half: all physical |  supervisor-only (U=0), global,
//              | memory at 0x80000000+pa   |  shared by every address space
//   0x80000000 +---------------------------+ <- KERNEL_BASE = STACK_TOP, initial sp
//              | stack (1 MiB, grows down, |  rw-, pages made on first touch
//              | pages made on first touch)|
//   0x7FF00000 +---------------------------+ <- STACK_BOTTOM
//              | guard page (never mapped) |
//   0x7FEFF000 +---------------------------+ <- GUARD_PAGE
//              | (unused)                  |
//   0x7FE00000 +---------------------------+ <- MMAP_TOP = IMAGE_END_LIMIT: mmap regions
//              | mmap regions              |    placed top-down below here
//              |            ...            |  prot chosen by the caller (never W+X)
//              | heap (sbrk) grows up      |  rw-
//   heap base  +---------------------------+ <- first page boundary after .bss
//              | .data, .bss               |  rw-
//   data base  +---------------------------+ <- first page boundary after .text
//              | .text                     |  r-x
//   0x00001000 +---------------------------+ <- TEXT_BASE
//              | null guard (never mapped) |
//   0x00000000 +---------------------------+
import { PAGE_SHIFT, PAGE_SIZE_BYTES, rootIndexOf } from './page.js';

/** .text always starts here; the page below it is the null guard. */
export const TEXT_BASE = PAGE_SIZE_BYTES;
export const STACK_TOP = 0x8000_0000;
export const STACK_SIZE_BYTES = 1 << 20;
export const STACK_BOTTOM = STACK_TOP - STACK_SIZE_BYTES;
/** The page below the stack, never mapped: a stack overflow faults here. */
export const GUARD_PAGE = STACK_BOTTOM - PAGE_SIZE_BYTES;
/** mmap regions are placed top-down from here; the heap may not pass the lowest one, nor this. */
export const MMAP_TOP = 0x7fe0_0000;
/** A program (its .bss included) must end by here: below the mmap area (SPEC section 7). */
export const IMAGE_END_LIMIT = MMAP_TOP;
export const KERNEL_BASE = 0x8000_0000;
/** Root-table index of the first kernel-half entry. */
export const KERNEL_ROOT_INDEX = rootIndexOf(KERNEL_BASE >>> PAGE_SHIFT);

/** The first page boundary at or above `address` (exact beyond 32 bits too: range checks pass sums). */
export function pageAlignUp(address: number): number {
  return Math.ceil(address / PAGE_SIZE_BYTES) * PAGE_SIZE_BYTES;
}
