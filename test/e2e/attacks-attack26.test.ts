// attack26's attacks (docs/attacks.md): hostile programs nobody had written
// yet, aimed at the kernel's bookkeeping and at system-call arguments on
// exact boundaries. Each runs beside the bystander, whose exact result must
// survive; results are asserted, never host time.
import { describe, expect, it, test } from 'vitest';
import { collectResult } from '../../kernel/result.js';
import { AddressSpace } from '../../kernel/addressSpace.js';
import { RegionTree } from '../../kernel/regionTree.js';
import { bootMachine } from '../../kernel/run.js';
import { program, run, STRESS_CONFIGS } from './harness.js';
import { bare, BYSTANDER, exited, killed } from './bareProcess.js';

/** Runs without checker mode (long runs; the checker's own tests cover these paths); nothing may leak. */
function runFast(files: string[], config = {}) {
  const killLines: string[] = [];
  const kernel = bootMachine(files.map((f) => program(f)), { config, onKill: (l) => killLines.push(l) });
  kernel.run();
  const result = collectResult(kernel);
  expect(result.stats.user_frames_at_end).toBe(0);
  expect(result.stats.swap_slots_at_end).toBe(0);
  return { result, processes: result.processes.map(bare), killLines };
}

describe('attack26: the kernel bookkeeping a guest can make big', () => {
  // Found by attack26: fork copied every mmap region of the parent (65,536 regions: 75 ms of host time a fork).
  it('host-fork-regions.s: 2,000 forks of a process with 65,536 regions, edits in the child kept from the parent', () => {
    const { result, processes, killLines } = runFast(['programs/attacks/bystander.s', 'programs/attacks/host-fork-regions.s']);
    expect(processes.slice(0, 2)).toEqual([BYSTANDER, exited(2, 'host-fork-regions.s', 'host-fork-regions: PASS\n')]);
    expect(processes.slice(2).every((p) => p.status === 'exited' && p.code === 0)).toBe(true);
    expect(result.stats.processes).toBe(2002);
    expect(killLines).toEqual([]);
  });

  // Found by attack26: mprotect left every page of a range its own region, so each whole-range call cost O(regions).
  it('host-mprotect-regions.s: 2,000 mprotects over 65,536 regions; the first joins them into one region', () => {
    const edit = AddressSpace.prototype.editMmap;
    const counts: number[] = [];
    AddressSpace.prototype.editMmap = function (this: AddressSpace, ...args: Parameters<typeof edit>) {
      edit.apply(this, args);
      counts.push(this.mmapCount);
    };
    try {
      const { processes, killLines } = runFast(['programs/attacks/bystander.s', 'programs/attacks/host-mprotect-regions.s']);
      expect(processes).toEqual([
        BYSTANDER, exited(2, 'host-mprotect-regions.s', 'host-mprotect-regions: PASS\n'), killed(3, 'host-mprotect-regions.s', 'bad_access', 'protection'),
      ]);
      expect(killLines).toEqual(['pid 3 (host-mprotect-regions.s) killed: bad_access: store to 0x6fe00000 in mmap, which is r-- (protection); pc 0x000010f0, host-mprotect-regions.s:86']);
    } finally {
      AddressSpace.prototype.editMmap = edit;
    }
    // 32,768 splitting calls leave 65,536 regions; every whole-range call after them leaves one.
    expect(counts).toHaveLength(32_768 + 4000);
    expect(counts[32_767]).toBe(65_536);
    expect(counts.slice(32_768).every((n) => n === 1)).toBe(true);
  });

  // Found by attack26: a refused munmap or mprotect looked up every region of its range before the page that was not there.
  it('host-refused-range.s: 4,000 refused calls over 65,536 regions: each EINVAL, nothing changed, a few look-ups each', () => {
    const find = RegionTree.prototype.find;
    let finds = 0;
    RegionTree.prototype.find = function (this: RegionTree<never>, a: number) { finds++; return find.call(this, a); };
    try {
      const { processes, killLines } = runFast(['programs/attacks/bystander.s', 'programs/attacks/host-refused-range.s']);
      expect(processes).toEqual([BYSTANDER, exited(2, 'host-refused-range.s', 'host-refused-range: PASS\n')]);
      expect(killLines).toEqual([]);
    } finally {
      RegionTree.prototype.find = find;
    }
    // The 32,768 splitting calls and the faults take about 100,000; before, each refused call took 65,537.
    expect(finds).toBeLessThan(150_000);
  });

  // Found by attack26: a buffer was checked region by region, 65,536 look-ups for one crossing every region.
  it('host-buffer-regions.s: 4,000 writes and reads across 65,536 regions and one missing page: each EFAULT, a few look-ups each', () => {
    const find = RegionTree.prototype.find;
    let finds = 0;
    RegionTree.prototype.find = function (this: RegionTree<never>, a: number) { finds++; return find.call(this, a); };
    try {
      const { processes, killLines } = runFast(['programs/attacks/bystander.s', 'programs/attacks/host-buffer-regions.s']);
      expect(processes).toEqual([BYSTANDER, exited(2, 'host-buffer-regions.s', '\0host-buffer-regions: PASS\n')]);
      expect(killLines).toEqual([]);
    } finally {
      RegionTree.prototype.find = find;
    }
    // The 32,768 splitting calls and the faults take about 100,000; before, each refused call took 65,536.
    expect(finds).toBeLessThan(150_000);
  });
});

describe('attack26: wait\'s status word across a page boundary', () => {
  const NAME = 'sys-wait-straddle.s';
  const hex = (...w: number[]) => `${w.map((x) => (x >>> 0).toString(16).padStart(8, '0')).join(' ')} \n`;
  test.each(Object.keys(STRESS_CONFIGS))('%s', (config) => {
    const { result, killLines } = run([program('programs/attacks/bystander.s'), program(`programs/attacks/${NAME}`)], STRESS_CONFIGS[config]!);
    expect(result.processes.map(bare)).toEqual([
      BYSTANDER,
      exited(2, NAME, hex(4, 0x00ab1111, 0x11110000, 3, 0) + hex(-14, 0, 5, 0x00cd0000, 0)),
      exited(3, NAME), exited(4, NAME, '', 0xab), exited(5, NAME, '', 0xcd),
    ]);
    expect(killLines).toEqual([]);
  });
});

