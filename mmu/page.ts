// Page and address constants shared by the MMU and the kernel (SPEC sections 1 and 5).
//
//   virtual address (32 bits)
//   31        22 21        12 11           0
//   +-----------+------------+--------------+
//   | root idx  | leaf idx   | page offset  |
//   +-----------+------------+--------------+
//     10 bits      10 bits       12 bits

/**
 * The geometry as compile-time constants: tsc writes the numbers into the
 * code that uses them. The CPU's loop and the MMU's walk use these; a read
 * of a module constant there costs a load per use (bench "dispatch": ~20%).
 */
export const enum Page {
  Shift = 12,
  SizeBytes = 1 << 12,
  OffsetMask = (1 << 12) - 1,
  /** Bits of a VPN that index one table (the leaf index; the root index is the rest). */
  TableIndexBits = 10,
  PtesPerTable = 1 << 10,
  PteSizeBytes = 4,
}

export const PAGE_SHIFT = Page.Shift;
export const PAGE_SIZE_BYTES = Page.SizeBytes;
export const PTES_PER_TABLE = Page.PtesPerTable;
export const PTE_SIZE_BYTES = Page.PteSizeBytes;

export function rootIndexOf(vpn: number): number {
  return vpn >>> Page.TableIndexBits;
}

export function leafIndexOf(vpn: number): number {
  return vpn & (Page.PtesPerTable - 1);
}

/** The page that root entry `root` and leaf entry `leaf` map. */
export function vpnOf(root: number, leaf: number): number {
  return (root << Page.TableIndexBits) | leaf;
}

/** The physical address where frame `frame` starts. */
export function frameAddress(frame: number): number {
  return frame << Page.Shift;
}

/** The page (or, for a physical address, the frame) of `address`. */
export function pageOf(address: number): number {
  return address >>> Page.Shift;
}

/** The offset of `address` in its page. */
export function pageOffsetOf(address: number): number {
  return address & Page.OffsetMask;
}
