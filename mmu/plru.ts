// Tree pseudo-LRU within one TLB set (SPEC section 5), as hardware builds it:
// one bit per internal node of a binary tree over the ways (ways - 1 bits per
// set, ways a power of two). Each bit points away from the half that was used
// more recently; the victim is found by following the bits from the root.
//
//   4 ways, 3 bits (heap order: node i has children 2i+1 and 2i+2):
//
//                 b0
//               /    \
//             b1      b2          bit 0: the victim is to the left
//            /  \    /  \         bit 1: the victim is to the right
//           w0  w1  w2  w3
//
//   A use of w1 sets b0 = 1 (away from the left half) and b1 = 0 (away from w1).
//
// The TLB does not update these bits on every hit: the CPU's fast path only
// stamps the entry it used (cpu/cpu.ts). That is enough, because a node's bit
// depends only on which of its two halves holds the most recent use, so the
// bits are rebuilt exactly from the stamps when a victim is needed
// (plruBitsFromStamps). PlruTree is the textbook machine, touch by touch, and
// the tests hold both to the same victims.

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && (n & (n - 1)) === 0;
}

/** Sets the bits on the path to `way` to point away from it (a hit or a fill of `way`). */
export function plruTouch(bits: Uint8Array, base: number, ways: number, way: number): void {
  let node = 0;
  let lo = 0;
  for (let size = ways; size > 1; size >>= 1) {
    const half = size >> 1;
    const right = way >= lo + half;
    bits[base + node] = right ? 0 : 1;
    if (right) lo += half;
    node = 2 * node + (right ? 2 : 1);
  }
}

/** The way the bits lead to from the root. */
export function plruVictim(bits: Uint8Array, base: number, ways: number): number {
  let node = 0;
  let lo = 0;
  for (let size = ways; size > 1; size >>= 1) {
    const right = bits[base + node] === 1;
    if (right) lo += size >> 1;
    node = 2 * node + (right ? 2 : 1);
  }
  return lo;
}

/**
 * Writes the ways - 1 bits of one set at `bits[base..]` as the touches would
 * have left them, given each way's last use (`stamps[first + way]`, larger is
 * more recent, 0 never used): a bit points right when its left half holds the
 * more recent use. `scratch` holds at least ways - 1 numbers. O(ways).
 */
export function plruBitsFromStamps(stamps: Float64Array, first: number, ways: number, bits: Uint8Array, base: number, scratch: Float64Array): void {
  const leaves = ways - 1;
  for (let node = leaves - 1; node >= 0; node--) {
    const l = 2 * node + 1;
    const r = l + 1;
    const left = l >= leaves ? stamps[first + l - leaves]! : scratch[l]!;
    const right = r >= leaves ? stamps[first + r - leaves]! : scratch[r]!;
    bits[base + node] = left > right ? 1 : 0;
    scratch[node] = left > right ? left : right;
  }
}

/** One set's tree, touch by touch: the reference the TLB's rebuilt bits are tested against. */
export class PlruTree {
  readonly bits: Uint8Array;

  constructor(readonly ways: number) {
    if (!isPowerOfTwo(ways)) throw new RangeError(`tree pseudo-LRU needs a power-of-two number of ways, got ${ways}`);
    this.bits = new Uint8Array(Math.max(ways - 1, 0));
  }

  touch(way: number): void {
    plruTouch(this.bits, 0, this.ways, way);
  }

  victim(): number {
    return plruVictim(this.bits, 0, this.ways);
  }
}
