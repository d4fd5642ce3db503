// A page-table entry as data: the hardware bits (SPEC section 5) and what the
// kernel's software bits mean (kernel/softPte.ts).
import { PTE_A, PTE_D, PTE_G, PTE_R, PTE_RWX, PTE_SOFT_SHIFT, PTE_U, PTE_V, PTE_W, PTE_X } from '../mmu/pte.js';
import { PTE_COW, PTE_DIRTY, PTE_SWAPPED } from '../kernel/softPte.js';

/**
 * present: V=1, the page is in `frame`. swapped: V=0, the page is in swap
 * slot `slot`. untouched: 0, the region will make it on first touch.
 */
export type PteState = 'present' | 'swapped' | 'untouched' | 'invalid';

export interface PteView {
  readonly value: number;
  readonly state: PteState;
  /** Frame number (present) or undefined. */
  readonly frame?: number;
  /** Swap slot (swapped) or undefined. */
  readonly slot?: number;
  readonly v: boolean;
  readonly r: boolean;
  readonly w: boolean;
  readonly x: boolean;
  readonly u: boolean;
  readonly g: boolean;
  readonly a: boolean;
  readonly d: boolean;
  /** Bits 11..8 as a number. */
  readonly soft: number;
  /** Copy-on-write: W withheld until a store fault copies the page. */
  readonly cow: boolean;
  /** The kernel's own dirty mark (content differs from what the region would make). */
  readonly softDirty: boolean;
  /** "r-x", "rw-", ... as the user sees them. */
  readonly rights: string;
}

const bit = (pte: number, b: number): boolean => (pte & b) !== 0;

export function rightsOf(pte: number): string {
  return `${bit(pte, PTE_R) ? 'r' : '-'}${bit(pte, PTE_W) ? 'w' : '-'}${bit(pte, PTE_X) ? 'x' : '-'}`;
}

/** Decodes a leaf PTE. */
export function decodePte(value: number): PteView {
  const pte = value >>> 0;
  const v = bit(pte, PTE_V);
  const swapped = !v && bit(pte, PTE_SWAPPED);
  const state: PteState = v ? 'present' : swapped ? 'swapped' : pte === 0 ? 'untouched' : 'invalid';
  return {
    value: pte,
    state,
    ...(v ? { frame: pte >>> 12 } : {}),
    ...(swapped ? { slot: pte >>> 12 } : {}),
    v,
    r: bit(pte, PTE_R),
    w: bit(pte, PTE_W),
    x: bit(pte, PTE_X),
    u: bit(pte, PTE_U),
    g: bit(pte, PTE_G),
    a: bit(pte, PTE_A),
    d: bit(pte, PTE_D),
    soft: (pte >>> PTE_SOFT_SHIFT) & 0xf,
    cow: bit(pte, PTE_COW),
    softDirty: bit(pte, PTE_DIRTY),
    rights: rightsOf(pte),
  };
}

/** A root entry points at a table when V=1 and R=W=X=0; any other valid one is malformed. */
export function isTablePointer(rootPte: number): boolean {
  return bit(rootPte, PTE_V) && (rootPte & PTE_RWX) === 0;
}

/** "V R - X U - A -": every hardware bit in order, a dash for each clear one. */
export function pteBits(pte: PteView): string {
  const b = (on: boolean, c: string): string => (on ? c : '-');
  return [b(pte.v, 'V'), b(pte.r, 'R'), b(pte.w, 'W'), b(pte.x, 'X'), b(pte.u, 'U'), b(pte.g, 'G'), b(pte.a, 'A'), b(pte.d, 'D')].join('');
}
