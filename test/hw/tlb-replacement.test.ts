// TLB organisation and replacement, with every expected sequence derived by
// hand in the comments. Accesses go through the MMU (a real walk fills the
// TLB on a miss), so these are the same hits and misses the CPU would see.
import { describe, expect, it } from 'vitest';
import { encodeI, encodeN, encodeS, Op } from '../../cpu/isa.js';
import { Access, TrapCause } from '../../cpu/trap.js';
import { Prng } from '../../mmu/prng.js';
import { PTE_G, PTE_V } from '../../mmu/pte.js';
import { DEFAULT_TLB_CONFIG, Tlb, TlbConfig, TlbPolicy } from '../../mmu/tlb.js';
import { HwFixture, RW } from './fixture.js';

/** A machine whose pages 0..31 are mapped RW, with the given TLB. */
function machine(tlb: Partial<TlbConfig>): HwFixture {
  const hw = new HwFixture({ tlb });
  for (let vpn = 0; vpn < 32; vpn++) hw.map(vpn, RW);
  return hw;
}

/** Loads from each page in turn; returns 'H'/'M' per access. */
function trace(hw: HwFixture, pages: readonly number[]): string {
  const { mmu, tlb } = hw.machine;
  return pages.map((vpn) => {
    const misses = tlb.misses;
    expect(mmu.translate(vpn << 12, Access.Load)).toBeGreaterThanOrEqual(0);
    return tlb.misses === misses ? 'H' : 'M';
  }).join('');
}

/** The pages currently cached (any ASID), sorted. */
function resident(tlb: Tlb): number[] {
  const out: number[] = [];
  for (let e = 0; e < tlb.entries; e++) if (tlb.isValid(e)) out.push(tlb.vpns[e]!);
  return out.sort((a, b) => a - b);
}

// 4 entries, 2 ways: 2 sets; set = vpn mod 2 (even pages in set 0, odd in set 1).
//
//   pos:   1 2 3 4 5 6 7 8 9 10 11 12
//   page:  0 2 1 0 4 3 0 2 1 3  5  1
//
// LRU, set 0 (pages 0 2 0 4 0 2 at pos 1 2 4 5 7 8):
//   0 M {0}; 2 M {0,2}; 0 H (0 now newer); 4 M evicts 2 (used at 2 < 4) -> {0,4};
//   0 H; 2 M evicts 4 (used at 5 < 7) -> {0,2}
// LRU, set 1 (pages 1 3 1 3 5 1 at pos 3 6 9 10 11 12):
//   1 M; 3 M; 1 H; 3 H; 5 M evicts 1 (used at 9 < 10) -> {3,5}; 1 M evicts 3 (10 < 11) -> {5,1}
// => M M M H M M H M H H M M : 4 hits, 8 misses, 8 fills, 4 evictions; resident {0,1,2,5}
//
// FIFO, set 0: 0 M (filled 1); 2 M (filled 2); 0 H (fill order unchanged);
//   4 M evicts 0 (filled 1) -> {4,2}; 0 M evicts 2 (filled 2) -> {4,0};
//   2 M evicts 4 (filled 5) -> {0,2}
// FIFO, set 1: as LRU here: 1 M; 3 M; 1 H; 3 H; 5 M evicts 1 (filled 3); 1 M evicts 3 (filled 6)
// => M M M H M M M M H H M M : 3 hits, 9 misses, 9 fills, 5 evictions; resident {0,1,2,5}
// LRU and FIFO differ at pos 7: LRU kept the recently used 0, FIFO evicted it as the oldest fill.
const STRING = [0, 2, 1, 0, 4, 3, 0, 2, 1, 3, 5, 1];

describe('replacement on a 4-entry 2-way TLB', () => {
  it('LRU', () => {
    const hw = machine({ entries: 4, ways: 2, policy: 'lru' });
    expect(trace(hw, STRING)).toBe('MMMHMMHMHHMM');
    expect(hw.machine.tlb.stats()).toEqual({ accesses: 12, hits: 4, misses: 8, fills: 8, evictions: 4 });
    expect(resident(hw.machine.tlb)).toEqual([0, 1, 2, 5]);
    expect(hw.machine.mmu.walks).toBe(8);
  });

  it('FIFO', () => {
    const hw = machine({ entries: 4, ways: 2, policy: 'fifo' });
    expect(trace(hw, STRING)).toBe('MMMHMMMMHHMM');
    expect(hw.machine.tlb.stats()).toEqual({ accesses: 12, hits: 3, misses: 9, fills: 9, evictions: 5 });
    expect(resident(hw.machine.tlb)).toEqual([0, 1, 2, 5]);
    expect(hw.machine.mmu.walks).toBe(9);
  });

  it('a hit makes the entry most recently used', () => {
    // pages 0,2 fill set 0; a hit on 0 must make 2 the LRU victim when 4 arrives.
    const hw = machine({ entries: 4, ways: 2, policy: 'lru' });
    expect(trace(hw, [0, 2, 0, 4, 2, 0])).toBe('MMHMMM');
    // 0 M, 2 M, 0 H, 4 M evicts 2 -> {0,4}, 2 M evicts 0 (used at 3 < 4) -> {4,2}, 0 M evicts 4.
    expect(resident(hw.machine.tlb)).toEqual([0, 2]);
  });
});

describe('LRU through the CPU', () => {
  it('hits in the CPU\'s one-entry caches still make entries recently used', () => {
    // Fully associative, 4 entries: the code page C (vpn 1) plus data pages A B D E.
    const hw = new HwFixture({ tlb: { entries: 4, ways: 4, policy: 'lru' } });
    const [A, B, D, E] = [0x10, 0x11, 0x12, 0x13];
    for (const vpn of [A, B, D, E]) hw.map(vpn, RW);
    hw.loadCode(0x1000, [
      encodeS(Op.SW, 0, 1, 0),   // sw A   miss: {C, A}
      encodeI(Op.LW, 5, 2, 0),   // lw B   miss: {C, A, B}
      encodeI(Op.LW, 5, 3, 0),   // lw D   miss: {C, A, B, D}  (full)
      encodeS(Op.SW, 0, 1, 4),   // sw A   hit in the CPU's store cache: A is now newer than B
      encodeI(Op.LW, 5, 4, 0),   // lw E   miss: evicts B, the least recently used
      encodeN(Op.SYSCALL),       //        (C is fetched every instruction, never the victim)
    ]);
    const cpu = hw.machine.cpu;
    [A, B, D, E].forEach((vpn, i) => { cpu.regs[i + 1] = vpn << 12; });
    expect(cpu.run(100)?.cause).toBe(TrapCause.Syscall);
    expect(resident(hw.machine.tlb)).toEqual([1, A, D, E]);
    // 6 fetches + 5 data accesses; misses: C, A, B, D, E.
    expect(hw.machine.tlb.stats()).toEqual({ accesses: 11, hits: 6, misses: 5, fills: 5, evictions: 1 });
  });
});

describe('geometry', () => {
  it('direct-mapped (ways = 1): pages 0 and 4 conflict in a 4-entry TLB', () => {
    const hw = machine({ entries: 4, ways: 1, policy: 'lru' });
    // sets = 4; 0 and 4 both map to set 0 and evict each other every time.
    expect(trace(hw, [0, 4, 0, 4, 0, 4])).toBe('MMMMMM');
    expect(hw.machine.tlb.stats()).toEqual({ accesses: 6, hits: 0, misses: 6, fills: 6, evictions: 5 });
    // 0 1 2 3 fill sets 0..3 and then all hit.
    const hw2 = machine({ entries: 4, ways: 1, policy: 'lru' });
    expect(trace(hw2, [0, 1, 2, 3, 0, 1, 2, 3])).toBe('MMMMHHHH');
    expect(hw2.machine.tlb.stats().evictions).toBe(0);
  });

  it('fully associative (ways = entries): any 4 pages fit; LRU evicts the least recently used', () => {
    const hw = machine({ entries: 4, ways: 4, policy: 'lru' });
    // 0 4 8 12 all miss and fit; 0 H; 16 M evicts 4 (LRU); 4 M evicts 8; 0 H; 12 H.
    expect(trace(hw, [0, 4, 8, 12, 0, 16, 4, 0, 12])).toBe('MMMMHMMHH');
    expect(resident(hw.machine.tlb)).toEqual([0, 4, 12, 16]);
    expect(hw.machine.tlb.stats()).toEqual({ accesses: 9, hits: 3, misses: 6, fills: 6, evictions: 2 });
  });

  it('sets = entries / ways and set = vpn mod sets', () => {
    const tlb = new Tlb({ ...DEFAULT_TLB_CONFIG, entries: 8, ways: 2 });
    expect(tlb.sets).toBe(4);
    const e = tlb.fill(13, 0, 0x5000, PTE_V);
    // 13 mod 4 = 1: entry 2 or 3.
    expect(e).toBe(2);
    expect(tlb.fill(17, 0, 0x6000, PTE_V)).toBe(3);
    expect(tlb.fill(4, 0, 0x7000, PTE_V)).toBe(0);
  });
});

describe('the LRU and FIFO victim is the oldest stamp, ties to the lowest way', () => {
  // The victim search takes four stamps a step and then the ways left over
  // (mmu/tlb.ts oldestWay): every width from 1 to 13 ways puts the oldest
  // stamp in the unrolled part and in the tail, and 64 is the benchmarks'
  // fully associative TLB. Stamps are written here directly (they are the
  // TLB's public arrays) so that ties can be made.
  const widths = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 64];

  /** A full one-set TLB of `ways` ways holding pages 0..ways-1, with the given stamps. */
  function fullSet(ways: number, policy: TlbPolicy, stamps: readonly number[]): Tlb {
    const tlb = new Tlb({ entries: ways, ways, policy, asids: true, seed: 1 });
    for (let vpn = 0; vpn < ways; vpn++) tlb.fill(vpn, 1, vpn << 12, PTE_V);
    const array = policy === 'lru' ? tlb.useStamp : tlb.fillStamp;
    stamps.forEach((s, e) => { array[e] = s; });
    return tlb;
  }

  it.each(widths)('%i ways: each way in turn holds the only oldest stamp (lru and fifo)', (ways) => {
    for (const policy of ['lru', 'fifo'] as const) {
      for (let oldest = 0; oldest < ways; oldest++) {
        const stamps = Array.from({ length: ways }, (_, e) => (e === oldest ? 5 : 100 + ((e * 37) % ways)));
        const tlb = fullSet(ways, policy, stamps);
        expect(tlb.fill(1000, 1, 0, PTE_V)).toBe(oldest);
        expect(tlb.vpns[oldest]).toBe(1000);
      }
    }
  });

  it.each(widths)('%i ways: of two equal oldest stamps the lower way goes', (ways) => {
    for (let low = 0; low < ways; low++) {
      for (let high = low + 1; high < ways; high++) {
        const stamps = Array.from({ length: ways }, (_, e) => (e === low || e === high ? 7 : 50 + e));
        expect(fullSet(ways, 'lru', stamps).fill(1000, 1, 0, PTE_V)).toBe(low);
      }
    }
    // All equal: way 0.
    expect(fullSet(ways, 'lru', Array.from({ length: ways }, () => 9)).fill(1000, 1, 0, PTE_V)).toBe(0);
  });

  it('a 64-way LRU TLB under a stride of 65 pages evicts in fill order, as LRU must', () => {
    const tlb = new Tlb({ entries: 64, ways: 64, policy: 'lru', asids: true, seed: 1 });
    for (let vpn = 0; vpn < 64; vpn++) tlb.fill(vpn, 1, vpn << 12, PTE_V);
    // Page 64 evicts page 0 (the oldest), page 65 page 1, and so on round.
    for (let k = 0; k < 200; k++) {
      const vpn = 64 + k;
      const e = tlb.fill(vpn, 1, 0, PTE_V);
      expect(e).toBe(k % 64);
    }
    expect(tlb.stats()).toEqual({ accesses: 264, hits: 0, misses: 264, fills: 264, evictions: 200 });
  });
});

describe('random replacement', () => {
  /** Reference: an invalid way first, else first + prng.below(ways), with its own Prng. */
  function reference(pages: readonly number[], entries: number, ways: number, seed: number): string {
    const sets = entries / ways;
    const slots: (number | null)[] = new Array(entries).fill(null);
    const prng = new Prng(seed);
    return pages.map((vpn) => {
      const first = (vpn % sets) * ways;
      const set = slots.slice(first, first + ways);
      if (set.includes(vpn)) return 'H';
      const free = set.indexOf(null);
      slots[first + (free >= 0 ? free : prng.below(ways))] = vpn;
      return 'M';
    }).join('');
  }

  const pages = [0, 2, 4, 6, 0, 2, 8, 4, 0, 6, 2, 10, 0, 4, 8, 2, 6, 0, 12, 4, 2, 0];

  it.each([1, 2, 7, 12345])('is exactly the seeded victim choice (seed %i)', (seed) => {
    const hw = machine({ entries: 8, ways: 4, policy: 'random', seed });
    expect(trace(hw, pages)).toBe(reference(pages, 8, 4, seed));
  });

  it('the same seed gives the same sequence; the seeds above give more than one', () => {
    const run = (seed: number) => trace(machine({ entries: 8, ways: 4, policy: 'random', seed }), pages);
    expect(run(7)).toBe(run(7));
    expect(new Set([1, 2, 7, 12345].map(run)).size).toBeGreaterThan(1);
  });
});

describe('invalidation', () => {
  const ENTRY_FLAGS = PTE_V | 0x1e; // R W X U: any flags, the TLB does not interpret them here

  function filled(): Tlb {
    const tlb = new Tlb({ ...DEFAULT_TLB_CONFIG, entries: 8, ways: 8 });
    tlb.fill(1, 1, 0x1000, ENTRY_FLAGS);
    tlb.fill(1, 2, 0x2000, ENTRY_FLAGS);
    tlb.fill(2, 1, 0x3000, ENTRY_FLAGS);
    tlb.fill(3, 7, 0x4000, ENTRY_FLAGS | PTE_G); // global
    return tlb;
  }

  it('invalidatePage drops (vpn, asid) only', () => {
    const tlb = filled();
    tlb.invalidatePage(1, 1);
    expect(tlb.lookup(1, 1)).toBe(-1);
    expect(tlb.frameBase[tlb.lookup(1, 2)]).toBe(0x2000);
    expect(tlb.frameBase[tlb.lookup(2, 1)]).toBe(0x3000);
  });

  it('a global entry answers for every ASID and invalidatePage of any ASID drops it', () => {
    const tlb = filled();
    for (const asid of [0, 1, 7, 255]) expect(tlb.frameBase[tlb.lookup(3, asid)]).toBe(0x4000);
    tlb.invalidatePage(3, 200);
    expect(tlb.lookup(3, 7)).toBe(-1);
  });

  it('invalidateAsid drops that ASID\'s non-global entries only', () => {
    const tlb = filled();
    tlb.invalidateAsid(1);
    expect([tlb.lookup(1, 1), tlb.lookup(2, 1)]).toEqual([-1, -1]);
    expect(tlb.frameBase[tlb.lookup(1, 2)]).toBe(0x2000);
    expect(tlb.frameBase[tlb.lookup(3, 1)]).toBe(0x4000);
    tlb.invalidateAsid(7); // the global entry was filled under ASID 7: still kept
    expect(tlb.lookup(3, 7)).toBeGreaterThanOrEqual(0);
  });

  it('invalidateAll drops everything, globals included', () => {
    const tlb = filled();
    tlb.invalidateAll();
    expect(Array.from(tlb.tags).every((t) => t === -1)).toBe(true);
  });

  it('an invalidated way is refilled before anything is evicted, and invalidation is not an eviction', () => {
    const hw = machine({ entries: 2, ways: 2, policy: 'lru' });
    expect(trace(hw, [0, 1])).toBe('MM');
    hw.machine.tlb.invalidatePage(0, 0);
    expect(trace(hw, [2, 1])).toBe('MH'); // 2 takes 0's freed way; 1 stays
    expect(hw.machine.tlb.stats()).toEqual({ accesses: 4, hits: 1, misses: 3, fills: 3, evictions: 0 });
  });
});

describe('statistics', () => {
  it('a miss that faults is counted as a miss with no fill', () => {
    const hw = new HwFixture();
    hw.map(5, RW);
    const { mmu, tlb } = hw.machine;
    expect(mmu.translate(6 << 12, Access.Load)).toBe(-1);
    expect(mmu.translate(5 << 12, Access.Load)).toBeGreaterThanOrEqual(0);
    expect(tlb.stats()).toEqual({ accesses: 2, hits: 0, misses: 2, fills: 1, evictions: 0 });
    expect(mmu.walks).toBe(2);
  });

  it('a hit whose rights forbid the access is a hit, then a protection fault (no walk)', () => {
    const hw = new HwFixture();
    hw.map(5, RW & ~0x4); // R only
    const { mmu, tlb } = hw.machine;
    expect(mmu.translate(5 << 12, Access.Load)).toBeGreaterThanOrEqual(0);
    expect(mmu.translate(5 << 12, Access.Store)).toBe(-1);
    expect(tlb.stats()).toEqual({ accesses: 2, hits: 1, misses: 1, fills: 1, evictions: 0 });
    expect(mmu.walks).toBe(1);
  });
});

describe('configuration', () => {
  const bad: [string, number, number][] = [
    ['entries not a multiple of ways', 6, 4],
    ['zero entries', 0, 1],
    ['zero ways', 4, 0],
    ['more ways than entries', 4, 8],
    ['fractional entries', 4.5, 1],
    ['too many entries', 65_537, 1],
  ];
  it.each(bad)('rejects %s', (_name, entries, ways) => {
    expect(() => new Tlb({ ...DEFAULT_TLB_CONFIG, entries, ways })).toThrow(RangeError);
  });

  it.each<[number, number, TlbPolicy]>([[1, 1, 'lru'], [64, 4, 'fifo'], [12, 3, 'random'], [65_536, 65_536, 'lru']])(
    'accepts %i entries, %i ways, %s', (entries, ways, policy) => {
      const tlb = new Tlb({ ...DEFAULT_TLB_CONFIG, entries, ways, policy });
      expect(tlb.sets).toBe(entries / ways);
    },
  );
});
