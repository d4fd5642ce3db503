// kernel/uaccess.ts: a system call's buffer is checked against the caller's
// regions first; then pages are brought in (as faults the process takes) and
// bytes copied; a copy-out marks the page accessed, dirty and written.
import { expect, test } from 'vitest';
import { bootMachine } from '../../kernel/run.js';
import { copyIn, copyOut, rangeAllowed } from '../../kernel/uaccess.js';
import { PTE_A, PTE_D, PTE_V } from '../../mmu/pte.js';
import { KERNEL_BASE, STACK_TOP, TEXT_BASE } from '../../mmu/layout.js';
import { PTE_DIRTY } from '../../kernel/softPte.js';
import { source } from '../e2e/harness.js';

// .text one page, .data one page ("hello" at 0x2000), .bss two pages from 0x3000.
const IMAGE = source('u.s', ['_start: halt', '.data', 'msg: .ascii "hello"', '.bss', 'buf: .space 8192'].join('\n'));

function boot() {
  const kernel = bootMachine([IMAGE]);
  const p = kernel.processes[0]!;
  const faults: string[] = [];
  const faultIn = (va: number, access: 'fetch' | 'load' | 'store') => {
    faults.push(`${access} 0x${va.toString(16)}`);
    return kernel.faultForSyscall(p, va, access);
  };
  return { kernel, space: p.space!, faultIn, faults };
}

test('rangeAllowed: every page of the range in a region that allows the access', () => {
  const { space } = boot();
  expect([
    rangeAllowed(space, 0x2000, 5, 'load'),
    rangeAllowed(space, 0x2000, 5, 'store'), // .data is rw-
    rangeAllowed(space, TEXT_BASE, 4, 'load'), // r-x: readable
    rangeAllowed(space, TEXT_BASE, 4, 'store'),
    rangeAllowed(space, 0x3000, 8192, 'store'),
    rangeAllowed(space, 0x3000, 8193, 'store'), // one byte into the empty heap
    rangeAllowed(space, 0, 1, 'load'), // the null guard
    rangeAllowed(space, STACK_TOP - 4, 4, 'store'),
    rangeAllowed(space, STACK_TOP - 4, 8, 'store'), // into the kernel half
    rangeAllowed(space, KERNEL_BASE, 1, 'load'),
    rangeAllowed(space, 0xffff_fff0, 0x20, 'load'), // wraps past 2^32
    rangeAllowed(space, 0, 0, 'store'), // empty: always valid
  ]).toEqual([true, true, true, false, true, false, false, true, false, false, false, true]);
});

// Found by attack20: the check looked every page up, so write() or read()
// over a 1.75 GiB mmap region cost 458,752 look-ups (14 ms) per call.
test('rangeAllowed looks each region up once, not each page: a 1.75 GiB region, one byte past it, a read-only neighbour', () => {
  const { space } = boot();
  const start = 0x0fe0_0000, end = 0x7fe0_0000; // 458,752 pages
  space.addRegion({ kind: 'mmap', start, end, prot: 3 });
  space.addRegion({ kind: 'mmap', start: start - 0x1000, end: start, prot: 1 }); // r-- just below
  let lookups = 0;
  const lookUp = space.regionAt.bind(space);
  space.regionAt = (va: number) => { lookups++; return lookUp(va); };
  // Since attack26 the mmap part of a buffer is one query of the region tree: one look-up a call.
  const answers = [
    rangeAllowed(space, start, end - start, 'store'), // 1 look-up
    rangeAllowed(space, start + 5, end - start, 'load'), // 2: the region (the tree: all of it up to MMAP_TOP), then the gap above
    rangeAllowed(space, start - 1, 2, 'store'), // 1: the read-only page refuses
    rangeAllowed(space, start - 0x1000, end - start + 0x1000, 'load'), // 1: both regions in one query
  ];
  expect([answers, lookups]).toEqual([[true, false, false, true], 5]);
});

test('copyIn brings the page in as a load fault, copies, and sets A without a TLB flush', () => {
  const { kernel, space, faultIn, faults } = boot();
  const bytes = copyIn(kernel.vm, space, 0x2000, 5, faultIn);
  expect(new TextDecoder().decode(bytes)).toBe('hello');
  expect([faults, kernel.stats.pageFaults, kernel.stats.imageLoads]).toEqual([['load 0x2000'], 1, 1]);
  const pte = kernel.vm.readPte(space, 2);
  expect([(pte & PTE_V) !== 0, (pte & PTE_A) !== 0, (pte & PTE_D) !== 0]).toEqual([true, true, false]);
});

test('copyOut across a page boundary: two zero-fill faults, both pages marked A, D and dirty', () => {
  const { kernel, space, faultIn, faults } = boot();
  const data = new TextEncoder().encode('ABCDEFGH');
  expect(copyOut(kernel.vm, space, 0x3ffc, data, faultIn)).toBe(true);
  expect([faults, kernel.stats.zeroFills]).toEqual([['store 0x3ffc', 'store 0x4000'], 2]);
  expect(new TextDecoder().decode(copyIn(kernel.vm, space, 0x3ffc, 8, faultIn))).toBe('ABCDEFGH');
  for (const vpn of [3, 4]) {
    const pte = kernel.vm.readPte(space, vpn);
    expect(pte & (PTE_V | PTE_A | PTE_D | PTE_DIRTY)).toBe(PTE_V | PTE_A | PTE_D | PTE_DIRTY);
  }
  expect(faults).toHaveLength(2); // already present: no more faults
});
