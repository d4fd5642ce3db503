// The CPU's rehearsal (cpu/rehearsal.ts) and the TLB's run books
// (mmu/tlb.ts beginRun .. endRun), which the fast loop keeps its hits with.
import { describe, expect, it } from 'vitest';
import { Cpu, DEFAULT_CYCLE_COSTS } from '../../cpu/cpu.js';
import { rehearseOnce } from '../../cpu/rehearsal.js';
import { TrapCause } from '../../cpu/trap.js';
import { PTE_R, PTE_U, PTE_V, PTE_X } from '../../mmu/pte.js';
import { Tlb } from '../../mmu/tlb.js';

const build = (...[m, t, u, period]: Parameters<Parameters<typeof rehearseOnce>[0]>) => new Cpu(m, t, u, DEFAULT_CYCLE_COSTS, period);

describe('rehearsal', () => {
  it('runs its program to the end and meets every trap cause, the same way each time', () => {
    const expected = {
      runs: 41, instructions: 75, finished: true,
      // syscall, page_fault, illegal, privileged, misaligned, divide_by_zero, breakpoint, timer, tlb_miss, tlb_modified
      traps: [1, 7, 5, 1, 4, 1, 3, 5, 2, 1],
    };
    expect(rehearseOnce(build)).toEqual(expected);
    expect(rehearseOnce(build)).toEqual(expected);
  });
});

describe('TLB run books', () => {
  const FLAGS = PTE_V | PTE_R | PTE_X | PTE_U;

  it('stamps instruction i of a run at start + 4i + 1 (fetch) and + 3 (data), and the slow path one tick before', () => {
    const tlb = new Tlb({ entries: 4, ways: 4, policy: 'lru', asids: true, seed: 1 });
    const e = tlb.fill(5, 1, 0x3000, FLAGS); // clock 1, one access
    tlb.beginRun();
    tlb.stampFetch(e, 2);
    expect(tlb.useStamp[e]).toBe(1 + 9);
    tlb.stampData(e, 2);
    expect(tlb.useStamp[e]).toBe(1 + 11);
    tlb.settleFetch(e, 2); // a data access of the same instruction is later: kept
    expect(tlb.useStamp[e]).toBe(1 + 11);
    tlb.settleFetch(e, 5);
    expect(tlb.useStamp[e]).toBe(1 + 21);
    tlb.enterSlowFetch(6);
    expect(tlb.clock).toBe(1 + 24);
    tlb.enterSlowData(6);
    expect(tlb.clock).toBe(1 + 26);
    tlb.endRun(7, 10);
    expect(tlb.clock).toBe(1 + 44);
    expect(tlb.stats()).toEqual({ accesses: 8, hits: 7, misses: 1, fills: 1, evictions: 0 });
  });
});
