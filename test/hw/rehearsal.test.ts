// The CPU's rehearsal (cpu/rehearsal.ts) and the TLB's run books
// (mmu/tlb.ts beginRun .. endRun), which the fast loop keeps its hits with.
import { describe, expect, it } from 'vitest';
import { Cpu, DEFAULT_CYCLE_COSTS } from '../../cpu/cpu.js';
import { rehearseOnce } from '../../cpu/rehearsal.js';
import { PTE_D, PTE_R, PTE_U, PTE_V, PTE_W, PTE_X } from '../../mmu/pte.js';
import { LOAD_NEEDS, Needs, STORE_NEEDS, Tlb, TLB_ABSENT, TLB_NO_RIGHTS } from '../../mmu/tlb.js';

const build = (...[m, t, u, period]: Parameters<Parameters<typeof rehearseOnce>[0]>) => new Cpu(m, t, u, DEFAULT_CYCLE_COSTS, period);

describe('rehearsal', () => {
  it('runs its program to the end and meets every trap cause, the same way each time', () => {
    const expected = {
      runs: 80, instructions: 244, finished: true,
      // syscall, page_fault, illegal, privileged, misaligned, divide_by_zero, breakpoint, timer, tlb_miss, tlb_modified
      traps: [1, 7, 5, 1, 4, 1, 3, 18, 2, 1],
    };
    expect(rehearseOnce(build)).toEqual(expected);
    expect(rehearseOnce(build)).toEqual(expected);
  });
});

describe('TLB run books', () => {
  const FLAGS = PTE_V | PTE_R | PTE_X | PTE_U;
  const DATA = PTE_V | PTE_R | PTE_U;

  it("gives the loop's compile-time rights (Needs) the PTE bits of each access kind", () => {
    // SPEC section 5's PTE bits: V R W X U G A D from bit 0; a fetch needs U X, a load U R, a store U W D.
    expect([Needs.Fetch, Needs.Load, Needs.Store]).toEqual([0x18, 0x12, 0x94]);
    expect([Needs.Fetch, Needs.Load, Needs.Store]).toEqual([PTE_U | PTE_X, PTE_U | PTE_R, PTE_U | PTE_W | PTE_D]);
  });

  it('stamps instruction i of a run at start + 4i + 1 (fetch) and + 3 (data), and the slow path one tick before', () => {
    const tlb = new Tlb({ entries: 4, ways: 4, policy: 'lru', asids: true, seed: 1 });
    const code = tlb.fill(5, 1, 0x3000, FLAGS); // clock 1, one access
    const data = tlb.fill(6, 1, 0x4000, DATA); // clock 2
    tlb.beginRun();
    expect(tlb.fetchHit(5, 1, -1, 2)).toBe(code);
    expect(tlb.useStamp[code]).toBe(2 + 9);
    expect(tlb.dataEntry(6, 1, LOAD_NEEDS)).toBe(data);
    expect(tlb.dataEntry(6, 1, STORE_NEEDS)).toBe(TLB_NO_RIGHTS);
    expect(tlb.dataEntry(7, 1, LOAD_NEEDS)).toBe(TLB_ABSENT);
    expect(tlb.fetchHit(6, 1, code, 4)).toBe(TLB_NO_RIGHTS); // no X: the old fetch entry keeps its stamp
    expect(tlb.useStamp[code]).toBe(2 + 9);
    tlb.stampData(code, 2); // a load from the code page by instruction 2
    expect(tlb.useStamp[code]).toBe(2 + 11);
    tlb.settleFetch(code, 2); // the same instruction's data access is later: kept
    expect(tlb.useStamp[code]).toBe(2 + 11);
    tlb.settleFetch(code, 5);
    expect(tlb.useStamp[code]).toBe(2 + 21);
    tlb.enterSlowFetch(6);
    expect(tlb.clock).toBe(2 + 24);
    tlb.enterSlowData(6);
    expect(tlb.clock).toBe(2 + 26);
    tlb.endRun(7, 10);
    expect(tlb.clock).toBe(2 + 44);
    expect(tlb.stats()).toEqual({ accesses: 9, hits: 7, misses: 2, fills: 2, evictions: 0 });
  });

  it('gives the last fetch entry its deferred stamp when the fetch moves to another page', () => {
    const tlb = new Tlb({ entries: 4, ways: 4, policy: 'lru', asids: true, seed: 1 });
    const a = tlb.fill(5, 1, 0x3000, FLAGS);
    const b = tlb.fill(6, 1, 0x4000, FLAGS);
    tlb.beginRun(); // at clock 2
    expect(tlb.fetchHit(5, 1, -1, 0)).toBe(a);
    expect(tlb.fetchHit(6, 1, a, 7)).toBe(b); // page 5 was last fetched by instruction 6
    expect([tlb.useStamp[a], tlb.useStamp[b]]).toEqual([2 + 25, 2 + 29]);
  });
});
