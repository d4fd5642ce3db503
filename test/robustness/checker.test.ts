// Checker mode (kernel/checker.ts): it finds a PTE change that forgot its
// TLB invalidation and names it, after the trap and at the TLB hit; it
// finds a broken frame invariant; the CLI reports a violation as an
// internal error (exit 70) without a stack trace.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { KernelInvariantError } from '../../kernel/checker.js';
import type { AddressSpace } from '../../kernel/addressSpace.js';
import type { Kernel } from '../../kernel/kernel.js';
import { bootMachine } from '../../kernel/run.js';
import { program, ROOT, source } from '../e2e/harness.js';

/** Loads from a data page forever: its translation sits in the TLB. */
const LOOP = source('loop.s', [
  '_start: la r5, d',
  'again: lw r6, 0(r5)',
  '  j again',
  '.data',
  'd: .word 7',
].join('\n'));

const DATA_VPN = LOOP.image.dataBase >>> 12;

function bootLoop(hits: boolean) {
  const kernel = bootMachine([LOOP], { config: { quantum: 50, maxInstructions: 10_000 }, check: { everyTrap: true, hits } });
  const checker = kernel.checker!;
  kernel.step(200); // the data page is made and cached
  const space = kernel.processes[0]!.space!;
  return { kernel, checker, space };
}

/** Where the data page's PTE is. */
function pteAt(kernel: Kernel, space: AddressSpace): number {
  return kernel.vm.pteAddress(space, DATA_VPN, false);
}

function thrown(f: () => void): Error {
  try {
    f();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a KernelInvariantError');
}

describe('stale TLB entries', () => {
  test('after a trap: the entry, the live PTE and the PTE change that forgot its invalidation', () => {
    const { kernel, checker, space } = bootLoop(false);
    const pte = kernel.vm.readPte(space, DATA_VPN);
    kernel.vm.writePteKeepingTlb(space, DATA_VPN, pteAt(kernel, space), (pte & ~0x4) >>> 0, 'test-downgrade'); // drop W, keep the TLB entry
    const err = thrown(() => checker.checkNow());
    expect(err).toBeInstanceOf(KernelInvariantError);
    expect(err.message).toMatch(/^kernel invariant violated after trap \d+ \(instruction \d+, pid 1 \(loop\.s\) on the CPU\):\n/);
    expect(err.message).toContain(`for page 0x${DATA_VPN.toString(16)} ASID 1 maps frame`);
    expect(err.message).toContain('granting W that the live PTE of space 1 lacks');
    expect(err.message).toContain(`last PTE change of space 1 page 0x${DATA_VPN.toString(16)}: test-downgrade`);
    expect(err.message).toContain('TLB NOT invalidated');
    expect(err.message).toMatch(/This is a bug in the kernel, not the guest program's fault\.$/);
  });

  test('a page unmapped without invalidation is found after the next trap', () => {
    const { kernel, space } = bootLoop(false);
    const pte = kernel.vm.readPte(space, DATA_VPN);
    kernel.vm.writePteKeepingTlb(space, DATA_VPN, pteAt(kernel, space), 0, 'test-unmap');
    kernel.vm.frames.removeMapping(pte >>> 12, space.id, DATA_VPN);
    kernel.vm.freeFrame(pte >>> 12);
    const err = thrown(() => kernel.run());
    expect(err).toBeInstanceOf(KernelInvariantError);
    expect(err.message).toContain('but the live PTE of space 1 is not present');
    expect(err.message).toContain('test-unmap');
  });

  test('at the TLB hit itself, with the hit watcher', () => {
    const { kernel, space } = bootLoop(true);
    const pte = kernel.vm.readPte(space, DATA_VPN);
    kernel.vm.writePteKeepingTlb(space, DATA_VPN, pteAt(kernel, space), (pte & ~0x2 & ~0x4) >>> 0, 'test-revoke'); // no R, no W
    const err = thrown(() => kernel.step(10));
    expect(err).toBeInstanceOf(KernelInvariantError);
    expect(err.message).toContain(`TLB hit on entry`);
    expect(err.message).toContain('granting R W that the live PTE of space 1 lacks');
    expect(err.message).toContain('test-revoke');
  });

  test('with the invalidation, the same change is fine', () => {
    const { kernel, checker, space } = bootLoop(true);
    const pte = kernel.vm.readPte(space, DATA_VPN);
    kernel.vm.writePte(space, DATA_VPN, (pte & ~0x4) >>> 0, 'test-downgrade');
    checker.checkNow();
    kernel.run();
    expect(kernel.processes[0]!.killCause).toBe('instruction_limit');
  });
});

test('with ASIDs off, a switch that forgets its flush leaves the last process its entries: found at that switch', () => {
  // Two copies of the loop at the same addresses; each has made its data page
  // before the broken switch, so that trap writes no PTE and moves no frame.
  const kernel = bootMachine([LOOP, LOOP], { config: { quantum: 50, asids: false, maxInstructions: 10_000 }, check: true });
  kernel.step(400);
  const tlb = kernel.machine.tlb;
  tlb.invalidateAll = () => {};
  const err = thrown(() => kernel.step(200));
  expect(err).toBeInstanceOf(KernelInvariantError);
  expect(err.message).toContain(`for page 0x${DATA_VPN.toString(16)} ASID 0 maps frame`);
  expect(err.message).toMatch(/the live PTE of space [12] (maps frame|is not present)/);
  expect(err.message).toMatch(/^kernel invariant violated after trap \d+ \(instruction (4[0-9][0-9]|5[0-9][0-9]), /);
});

test('a broken frame invariant: a reference count that does not add up', () => {
  const { kernel, checker, space } = bootLoop(false);
  const frame = kernel.vm.readPte(space, DATA_VPN) >>> 12;
  kernel.vm.frames.refcount[frame]!++;
  const err = thrown(() => checker.checkNow());
  expect(err.message).toContain(`frame ${frame}: 1 PTEs map it, refcount is 2`);
});

test('a full check after every change of a small run, fewer on a big one', () => {
  // swap.s faults 603 times (every fault writes a PTE). With 1024 frames a full
  // check is cheap: one after each of those traps, and a last one at the end.
  // With 32768 frames a full check costs more than 16 384 units: it runs only
  // once the machine has run as many instructions as the last one cost.
  const swap = program('programs/swap.s');
  const checks = (frames: number) => {
    const kernel = bootMachine([swap], { config: { frames }, check: true });
    kernel.run();
    expect([kernel.stats.pageFaults, kernel.processes[0]!.status]).toEqual([603, 0]);
    return kernel.checker!.checksMade;
  };
  expect(checks(1024)).toBe(603 + 1);
  expect(checks(32_768)).toBe(4);
});

test('the CLI: --check reports a kernel bug as an internal error, exit 70, no stack trace', () => {
  // munmap forgets its invalidation (cli-with-kernel-bug.mjs patches the built kernel from outside).
  const r = spawnSync(process.execPath, [join(ROOT, 'test/robustness/cli-with-kernel-bug.mjs'), 'run', join(ROOT, 'programs/attacks/mem-stale-munmap.s'), '--check'], {
    encoding: 'utf8',
  });
  expect(r.status).toBe(70);
  expect(r.stdout).toBe('');
  expect(r.stderr.split('\n')).toEqual([
    'illusion: error: internal error: kernel invariant violated after trap 4 (instruction 15, pid 1 (mem-stale-munmap.s) on the CPU):',
    '  - stale TLB: TLB entry 60 (set 15, way 0) for page 0x7fdff ASID 1 maps frame 0x5 VRW-U-AD soft=0, but the live PTE of space 1 is not present (0x0)',
    '      last PTE change of space 1 page 0x7fdff: munmap, frame 0x5 VRW-U-AD soft=0 -> 0x0 (not present), TLB NOT invalidated, at instruction 15',
    "This is a bug in the kernel, not the guest program's fault.",
    '',
  ]);
});

test('the CLI: --check on a healthy run changes nothing', () => {
  const args = ['run', join(ROOT, 'programs/cow.s'), '--json'];
  const plain = spawnSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), ...args], { encoding: 'utf8' });
  const checked = spawnSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), ...args, '--check'], { encoding: 'utf8' });
  expect(checked.status).toBe(plain.status);
  expect(checked.stdout).toBe(plain.stdout);
  expect(checked.stderr).toBe(plain.stderr);
});
