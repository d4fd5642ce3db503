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

export function rootIndexOf(vpn: number): number {
  return vpn >>> 10;
}

export function leafIndexOf(vpn: number): number {
  return vpn & 1023;
}
