// The address space every process gets (SPEC section 4).
//
//   0xFFFFFFFF +---------------------------+
//              | kernel half: all physical |  supervisor-only (U=0), global,
//              | memory at 0x80000000+pa   |  shared by every address space
//   0x80000000 +---------------------------+ <- initial sp
//              | stack (1 MiB, grows down, |  rw-, pages made on first touch
//              | pages made on first touch)|
//   0x7FF00000 +---------------------------+
//              | guard page (never mapped) |
//   0x7FEFF000 +---------------------------+
//              | (unused)                  |
//   0x7FE00000 +---------------------------+ <- mmap regions placed top-down below here
//              | mmap regions              |  prot chosen by the caller (never W+X)
//              |            ...            |
//              | heap (sbrk) grows up      |  rw-
//   heap base  +---------------------------+ <- first page boundary after .bss
//              | .data, .bss               |  rw-
//   data base  +---------------------------+ <- first page boundary after .text
//              | .text                     |  r-x
//   0x00001000 +---------------------------+
//              | null guard (never mapped) |
//   0x00000000 +---------------------------+
export { TEXT_BASE } from '../asm/image.js';

export const NULL_GUARD_END = 0x0000_1000;
export const STACK_TOP = 0x8000_0000;
export const STACK_SIZE_BYTES = 1 << 20;
export const STACK_BOTTOM = STACK_TOP - STACK_SIZE_BYTES; // 0x7FF00000
export const GUARD_PAGE = STACK_BOTTOM - 0x1000; // 0x7FEFF000
/** mmap regions are placed top-down from here; the heap may not pass the lowest one, nor this. */
export const MMAP_TOP = 0x7fe0_0000;
export const KERNEL_BASE = 0x8000_0000;
/** Root-table index of the first kernel-half entry. */
export const KERNEL_ROOT_INDEX = KERNEL_BASE >>> 22;
