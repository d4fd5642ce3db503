// Page and address constants shared by the MMU and the kernel (SPEC sections 1 and 5).
//
//   virtual address (32 bits)
//   31        22 21        12 11           0
//   +-----------+------------+--------------+
//   | root idx  | leaf idx   | page offset  |
//   +-----------+------------+--------------+
//     10 bits      10 bits       12 bits

export const PAGE_SHIFT = 12;
export const PAGE_SIZE_BYTES = 1 << PAGE_SHIFT;
export const PAGE_OFFSET_MASK = PAGE_SIZE_BYTES - 1;
export const PTES_PER_TABLE = 1024;
export const PTE_SIZE_BYTES = 4;
/** Number of virtual pages in the 32-bit address space. */
export const VIRTUAL_PAGES = 1 << 20;

export function vpnOf(address: number): number {
  return address >>> PAGE_SHIFT;
}

export function rootIndexOf(vpn: number): number {
  return vpn >>> 10;
}

export function leafIndexOf(vpn: number): number {
  return vpn & 1023;
}

export function pageBase(address: number): number {
  return (address & ~PAGE_OFFSET_MASK) >>> 0;
}
