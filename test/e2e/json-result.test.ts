// What `--json` carries beyond the processes' output (SPEC section 9): the
// full configuration the run used, enough to run it again with the same
// results, and each process's own figures, which add up to the run's.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { bootMachine } from '../../kernel/run.js';
import { collectResult } from '../../kernel/result.js';
import { program, ROOT, run, source } from './harness.js';

const CLI = resolve(ROOT, 'dist/cli/main.js');

function illusionJson(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'run', ...args, '--json'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

/** The flags that give a configuration back: `tlb_entries: 16` is `--tlb-entries 16`, `asids: false` is `--no-asid`. */
function flagsOf(config: Record<string, unknown>): string[] {
  const flags: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (value === null) continue; // no limit
    if (key === 'asids') {
      if (value === false) flags.push('--no-asid');
      continue;
    }
    flags.push(`--${key.replaceAll('_', '-')}`, String(value));
  }
  return flags;
}

describe('--json config', () => {
  test('holds every field, defaults included, under the flags\' names', () => {
    expect(illusionJson(['programs/hello.s']).config).toEqual({
      frames: 1024, tlb_entries: 64, tlb_ways: 4, tlb_policy: 'lru', asids: true, policy: 'clock', swap_pages: 4096,
      quantum: 10000, seed: 1, max_procs: 64, max_instructions: null, walk_cycles: 20, fault_cycles: 1000, swap_cycles: 100000, max_output: 1048576, tlb_refill: 'hardware', refill_trap_cycles: 30, engine: 'blocks',
    });
  });

  test('is enough to reproduce a run: its values as flags give identical statistics', () => {
    const first = illusionJson([
      'programs/cow.s', 'programs/swap.s', '--frames', '40', '--tlb-entries', '16', '--tlb-ways', '2', '--tlb-policy', 'random',
      '--seed', '9', '--policy', 'lru', '--quantum', '777', '--no-asid', '--swap-pages', '900', '--max-instructions', '100000000',
    ]);
    expect(first.config).toMatchObject({ frames: 40, tlb_entries: 16, tlb_ways: 2, tlb_policy: 'random', seed: 9, asids: false, max_instructions: 100000000 });
    const again = illusionJson(['programs/cow.s', 'programs/swap.s', ...flagsOf(first.config)]);
    expect(again.config).toEqual(first.config);
    expect(again.stats).toEqual(first.stats);
    expect(again.processes).toEqual(first.processes);
    expect(first.stats.swap_outs).toBeGreaterThan(0); // the run did exercise the swap settings
  });
});

describe('per-process stats', () => {
  // Copy-on-write after fork and swapping at once: shared pages go out and come back in.
  const CASES = {
    'cow.s and swap.s in 40 frames': { programs: ['programs/cow.s', 'programs/swap.s'], config: { frames: 40 } },
    'forkwait.s, tiny quantum': { programs: ['programs/forkwait.s'], config: { quantum: 3 } },
    'forkwait.s and cow.s, ASIDs off, small TLB': { programs: ['programs/forkwait.s', 'programs/cow.s'], config: { asids: false, tlbEntries: 8, tlbWays: 2 } },
  };

  test.each(Object.keys(CASES))('add up to the run\'s figures: %s', (name) => {
    const c = CASES[name as keyof typeof CASES];
    const { result } = run(c.programs.map((f) => program(f)), c.config);
    const sum = (key: keyof (typeof result.processes)[number]['stats']) => result.processes.reduce((n, p) => n + p.stats[key], 0);
    const s = result.stats;
    expect(sum('instructions')).toBe(s.instructions);
    expect(sum('page_faults')).toBe(s.page_faults);
    expect(sum('tlb_misses')).toBe(s.tlb_misses);
    expect(sum('cow_copies')).toBe(s.cow_copies);
    expect(sum('swap_ins')).toBe(s.swap_ins);
    expect(sum('swap_outs')).toBe(s.swap_outs);
    for (const p of result.processes) {
      expect(p.stats.peak_resident_pages).toBeGreaterThan(0);
      expect(p.stats.peak_resident_pages).toBeLessThanOrEqual(s.peak_frames);
    }
  });

  test('are exact for a small run: hello.s', () => {
    const { result } = run([program('programs/hello.s')]);
    // Ten instructions; .text faults on the first fetch (its TLB miss counted before and after), .data in write.
    expect(result.processes[0]!.stats).toEqual({
      instructions: 10, page_faults: 2, tlb_misses: 2, cow_copies: 0, swap_ins: 0, swap_outs: 0, peak_resident_pages: 2,
    });
  });

  test('a forked child counts its copy-on-write copies and the pages it shares', () => {
    const { result } = run([program('programs/cow.s')]);
    const [parent, child] = result.processes;
    expect(result.stats.cow_copies).toBe(4);
    expect(parent!.stats.cow_copies + child!.stats.cow_copies).toBe(4);
    // The child shares the parent's pages the moment it exists: its resident count starts there.
    expect(child!.stats.peak_resident_pages).toBe(parent!.stats.peak_resident_pages);
  });
});

// Found by student25: the processes carried no parent, so a forked child could not be told from a started program.
describe('parent', () => {
  test('is the pid that forked the process, 0 for a started program, and stays after that parent ends', () => {
    const processes = illusionJson(['test/tools/programs/orphan.s', 'programs/hello.s']).processes;
    expect(processes.map((p: { pid: number; parent: number; code: number }) => [p.pid, p.parent, p.code])).toEqual([
      [1, 0, 0], [2, 0, 0], [3, 1, 2], [4, 3, 3],
    ]);
  });
});

describe('streamed output is not kept', () => {
  test('with recordOutput false (illusion run without --json) every byte is passed on and none is held', () => {
    // 2 MiB of output: 32 writes of a 64 KiB heap buffer.
    const flood = source('flood.s', [
      '        .text',
      '_start: li   r1, 6',
      '        li   r2, 0x10000',
      '        syscall',
      '        mv   r5, r1',
      '        li   r6, 32',
      'loop:   li   r1, 1',
      '        li   r2, 1',
      '        mv   r3, r5',
      '        li   r4, 0x10000',
      '        syscall',
      '        addi r6, r6, -1',
      '        bnez r6, loop',
      '        li   r1, 0',
      '        li   r2, 0',
      '        syscall',
      '',
    ].join('\n'));
    let streamed = 0;
    let slices = 0;
    const kernel = bootMachine([flood], {
      recordOutput: false,
      onOutput: (_pid, _fd, bytes) => { streamed += bytes.length; },
      onSliceEnd: () => { slices++; },
    });
    kernel.run();
    expect(streamed).toBe(32 * 0x10000);
    expect(kernel.processes[0]!.stdout.kept).toBe(0);
    expect(collectResult(kernel).processes[0]!.stdout).toBe('');
    expect(slices).toBe(1); // one slice end: the exit (the run is shorter than a quantum)
  });
});
