// Tree pseudo-LRU (mmu/plru.ts), walked by hand through a 4-way and an
// 8-way set. Bits are in heap order (node i has children 2i+1, 2i+2); a bit
// of 0 sends the victim search left, 1 right; a use sets each bit on its
// path to point away from it. Every victim below is derived in the comments
// and asserted twice: on the textbook tree (PlruTree, one touch at a time)
// and on the real TLB (whose bits are rebuilt from its use stamps).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlruTree } from '../../mmu/plru.js';
import { PTE_R, PTE_U, PTE_V } from '../../mmu/pte.js';
import { Tlb } from '../../mmu/tlb.js';

const FLAGS = PTE_V | PTE_R | PTE_U;

type Op = { touch: number } | { miss: number; victim: number };

/** Drives a one-set TLB: a touch is a hit on the page in that way, a miss fills and must land on `victim`. */
function walkTlb(ways: number, fills: readonly number[], ops: readonly Op[]): number[] {
  const tlb = new Tlb({ entries: ways, ways, policy: 'plru', asids: true, seed: 1 });
  const pageIn: number[] = [];
  fills.forEach((vpn, way) => {
    expect(tlb.fill(vpn, 1, 0, FLAGS)).toBe(way); // free ways fill in order
    pageIn[way] = vpn;
  });
  const victims: number[] = [];
  for (const op of ops) {
    if ('touch' in op) {
      const e = tlb.lookup(pageIn[op.touch]!, 1);
      expect(e).toBe(op.touch);
      tlb.recordHit(e);
    } else {
      const e = tlb.fill(op.miss, 1, 0, FLAGS);
      victims.push(e);
      pageIn[e] = op.miss;
    }
  }
  return victims;
}

/** The same on the textbook tree. */
function walkTree(ways: number, ops: readonly Op[]): number[] {
  const tree = new PlruTree(ways);
  for (let w = 0; w < ways; w++) tree.touch(w);
  const victims: number[] = [];
  for (const op of ops) {
    if ('touch' in op) tree.touch(op.touch);
    else {
      const v = tree.victim();
      victims.push(v);
      tree.touch(v);
    }
  }
  return victims;
}

describe('tree pseudo-LRU, by hand', () => {
  // 4 ways, bits b0 (root), b1 (ways 0,1), b2 (ways 2,3).
  // Fill A B C D into ways 0..3; the last fill (way 3) leaves b0=0 b2=0, and
  // way 1's fill left b1=0: bits 000.
  // hit A (w0): b0=1 b1=1   hit B (w1): b0=1 b1=0   hit C (w2): b0=0 b2=1  -> bits 0 0 1
  // miss E: b0=0 -> left, b1=0 -> w0: A goes (true LRU would evict D, used
  //   longest ago: PLRU only remembers which half was used last).
  //   fill w0: b0=1 b1=1 -> bits 1 1 1
  // miss F: b0=1 -> right, b2=1 -> w3: D goes. fill w3: b0=0 b2=0 -> bits 0 1 0
  // miss G: b0=0 -> left, b1=1 -> w1: B goes.
  const ops4: Op[] = [{ touch: 0 }, { touch: 1 }, { touch: 2 }, { miss: 5, victim: 0 }, { miss: 6, victim: 3 }, { miss: 7, victim: 1 }];
  const victims4 = ops4.flatMap((op) => ('victim' in op ? [op.victim] : []));

  it('4-way: victims w0 (not the LRU w3), w3, w1 on the textbook tree', () => {
    expect(walkTree(4, ops4)).toEqual(victims4);
  });

  it('4-way: the same victims in the real TLB', () => {
    expect(walkTlb(4, [1, 2, 3, 4], ops4)).toEqual(victims4);
  });

  // 8 ways, bits b0; b1 (w0-3), b2 (w4-7); b3 (w0,1) b4 (w2,3) b5 (w4,5) b6 (w6,7).
  // Fill P0..P7 into w0..w7: all seven bits end 0 (w7's path sets b0 b2 b6 = 0,
  //   the others were last set to 0 by w1, w3, w5).
  // hit w5: b0=0 b2=1 b5=0   hit w1: b0=1 b1=1 b3=0   hit w6: b0=0 b2=0 b6=1
  //   bits b0..b6 = 0 1 0 0 0 0 1
  // miss Q1: b0=0 -> b1=1 -> b4=0 -> w2 (true LRU: w0). fill w2: b0=1 b1=0 b4=1
  // miss Q2: b0=1 -> b2=0 -> b5=0 -> w4. fill w4: b0=0 b2=1 b5=1
  // miss Q3: b0=0 -> b1=0 -> b3=0 -> w0. fill w0: b0=1 b1=1 b3=1 (all bits now 1)
  // miss Q4: b0=1 -> b2=1 -> b6=1 -> w7. fill w7: b0=0 b2=0 b6=0
  // miss Q5: b0=0 -> b1=1 -> b4=1 -> w3.
  const ops8: Op[] = [
    { touch: 5 }, { touch: 1 }, { touch: 6 },
    { miss: 101, victim: 2 }, { miss: 102, victim: 4 }, { miss: 103, victim: 0 }, { miss: 104, victim: 7 }, { miss: 105, victim: 3 },
  ];
  const victims8 = ops8.flatMap((op) => ('victim' in op ? [op.victim] : []));

  it('8-way: victims w2, w4, w0, w7, w3 on the textbook tree', () => {
    expect(walkTree(8, ops8)).toEqual(victims8);
  });

  it('8-way: the same victims in the real TLB', () => {
    expect(walkTlb(8, [10, 11, 12, 13, 14, 15, 16, 17], ops8)).toEqual(victims8);
  });

  it('the bits after the 4-way hits are the hand-derived 0 0 1', () => {
    const tree = new PlruTree(4);
    for (const w of [0, 1, 2, 3, 0, 1, 2]) tree.touch(w);
    expect([...tree.bits]).toEqual([0, 0, 1]);
  });

  it('refuses a number of ways that is not a power of two', () => {
    expect(() => new Tlb({ entries: 12, ways: 3, policy: 'plru', asids: true, seed: 1 })).toThrow(
      'TLB policy plru (tree pseudo-LRU) needs a power-of-two number of ways, got 3');
    expect(() => new PlruTree(6)).toThrow(RangeError);
  });
});

describe('tree pseudo-LRU, TLB against the textbook tree', () => {
  it('random hits and misses over several sets give the same victims, set by set', () => {
    fc.assert(fc.property(
      fc.constantFrom(1, 2, 4, 8, 16),
      fc.constantFrom(1, 2, 4),
      fc.array(fc.integer({ min: 0, max: 63 }), { minLength: 1, maxLength: 200 }),
      (ways, sets, pages) => {
        const tlb = new Tlb({ entries: ways * sets, ways, policy: 'plru', asids: true, seed: 1 });
        const trees = Array.from({ length: sets }, () => new PlruTree(ways));
        for (const vpn of pages) {
          const set = vpn % sets;
          let e = tlb.lookup(vpn, 1);
          if (e >= 0) tlb.recordHit(e);
          else {
            const free = Array.from({ length: ways }, (_, w) => set * ways + w).find((x) => !tlb.isValid(x));
            const expected = free ?? set * ways + trees[set]!.victim();
            e = tlb.fill(vpn, 1, 0, FLAGS);
            expect(e).toBe(expected);
          }
          trees[set]!.touch(e - set * ways);
        }
      },
    ), { seed: 16, numRuns: 300 });
  });
});
