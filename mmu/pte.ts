// Page-table entry format (SPEC section 5). Every PTE is one little-endian word.
//
//   31                          12 11    8  7   6   5   4   3   2   1   0
//   +------------------------------+-------+---+---+---+---+---+---+---+---+
//   |        frame number          | soft  | D | A | G | U | X | W | R | V |
//   +------------------------------+-------+---+---+---+---+---+---+---+---+
//
// A root entry with V=1 and R=W=X=0 points at a second-level table; any other
// valid root entry is malformed. A leaf with W=1 and R=0 is malformed too.
// Bits 11..8 belong to the kernel; the MMU never reads or writes them.

import { Page } from './page.js';

/**
 * The flag bits as compile-time constants, for the hot paths (the MMU's walk,
 * the TLB's fill, the CPU's loop): tsc writes the numbers into the code that
 * uses them, where an imported module constant costs a load per use (bench:
 * 4-way miss + walk ~5%). The PTE_ names below are the same bits as values.
 */
export const enum Pte {
  V = 1 << 0,
  R = 1 << 1,
  W = 1 << 2,
  X = 1 << 3,
  U = 1 << 4,
  G = 1 << 5,
  A = 1 << 6,
  D = 1 << 7,
  RWX = R | W | X,
}

export const PTE_V: number = Pte.V;
export const PTE_R: number = Pte.R;
export const PTE_W: number = Pte.W;
export const PTE_X: number = Pte.X;
export const PTE_U: number = Pte.U;
export const PTE_G: number = Pte.G;
export const PTE_A: number = Pte.A;
export const PTE_D: number = Pte.D;
export const PTE_RWX: number = Pte.RWX;
/** The kernel's four software bits (11..8). */
export const PTE_SOFT_SHIFT = 8;
/** The frame number sits above the page offset's bits. */
export const PTE_FRAME_SHIFT = Page.Shift;

export function pteFrame(pte: number): number {
  return pte >>> Page.Shift;
}

export function makePte(frame: number, flags: number): number {
  return ((frame << Page.Shift) | (flags & Page.OffsetMask)) >>> 0;
}

/** A readable form such as "frame 0x12 V R W - U - A D" (debugger, test messages). */
export function describePte(pte: number): string {
  const bit = (b: number, c: string) => ((pte & b) !== 0 ? c : '-');
  return `frame 0x${pteFrame(pte).toString(16)} ${bit(PTE_V, 'V')}${bit(PTE_R, 'R')}${bit(PTE_W, 'W')}` +
    `${bit(PTE_X, 'X')}${bit(PTE_U, 'U')}${bit(PTE_G, 'G')}${bit(PTE_A, 'A')}${bit(PTE_D, 'D')}` +
    ` soft=${(pte >>> PTE_SOFT_SHIFT) & 0xf}`;
}
