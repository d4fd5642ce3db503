// The guest programs of `npm run bench` (programs/bench/*.s) must be right
// before their speed means anything: each runs to exit 0 with its PASS line,
// in the configurations bench/programs.ts runs it in. Correctness only; no
// timing here. The harness checks the frame invariant and that nothing leaked.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { MachineConfig } from '../../kernel/config.js';
import type { RunStats } from '../../kernel/result.js';
import { program, ROOT, run } from '../e2e/harness.js';

interface Scenario {
  files: string[];
  config: Partial<MachineConfig>;
  /** Exact stdout of each started program (pid 1, 2, ...). */
  stdout: string[];
  /** Processes in all (forked ones too); each must have exited 0. */
  processes: number;
  stats: (s: RunStats) => void;
}

const yielders = (n: number) => Array.from({ length: n }, () => 'programs/bench/yield.s');

const SCENARIOS: Record<string, Scenario> = {
  regloop: {
    files: ['programs/bench/regloop.s'], config: {}, stdout: ['PASS: regloop\n'], processes: 1,
    stats: (s) => expect(s.instructions).toBe(18_000_022),
  },
  calls: {
    files: ['programs/bench/calls.s'], config: {}, stdout: ['PASS: calls\n'], processes: 1,
    // fib(25): 16 instructions for each of the 121,392 calls that recurse, 4 for each of the 121,393 that do not, 21 around them.
    stats: (s) => expect(s.instructions).toBe(2_427_865),
  },
  memloop: {
    files: ['programs/bench/memloop.s'], config: {}, stdout: ['PASS: memloop\n'], processes: 1,
    // 16 pages of data, 1 of code, 1 of .data, all within the TLB's reach:
    // the only misses are first touches (a miss before the page fault and
    // one when the instruction runs again), none in the 16 million accesses
    // after: 2 * 17, as .data is first touched by the kernel (write's buffer).
    stats: (s) => expect(s.tlb_misses).toBe(2 * 17),
  },
  cow: {
    files: ['programs/bench/cow.s'], config: {}, stdout: ['PASS: cow\n'], processes: 65,
    // 64 children, each writing 32 shared pages: one copy each.
    stats: (s) => expect(s.cow_copies).toBe(64 * 32),
  },
  'swap, 64 frames': {
    files: ['programs/bench/swap.s'], config: { frames: 64 }, stdout: ['PASS: swap\n'], processes: 1,
    // More than the 256 pages of its array each way: the run is deterministic.
    stats: (s) => expect([s.swap_outs, s.swap_ins]).toEqual([965, 768]),
  },
  'swap, default frames (nothing swaps)': {
    files: ['programs/bench/swap.s'], config: {}, stdout: ['PASS: swap\n'], processes: 1,
    stats: (s) => expect(s.swap_outs).toBe(0),
  },
  '4 x yield, ASIDs on': {
    files: yielders(4), config: { asids: true }, stdout: Array(4).fill('PASS: yield\n'), processes: 4,
    // 2000 yields each, and a few switches as processes end.
    stats: (s) => expect([s.context_switches, s.tlb_misses]).toEqual([8026, 72]),
  },
  '4 x yield, ASIDs off': {
    files: yielders(4), config: { asids: false }, stdout: Array(4).fill('PASS: yield\n'), processes: 4,
    // The same switches; every one flushes the TLB.
    stats: (s) => expect([s.context_switches, s.tlb_misses]).toEqual([8026, 72_102]),
  },
};

describe('programs/bench', () => {
  test('every program in programs/bench has a scenario', () => {
    const files = readdirSync(join(ROOT, 'programs', 'bench')).filter((f) => f.endsWith('.s')).sort();
    const covered = [...new Set(Object.values(SCENARIOS).flatMap((s) => s.files.map((f) => f.split('/').pop()!)))].sort();
    expect(covered).toEqual(files);
  });

  for (const [name, s] of Object.entries(SCENARIOS)) {
    test(name, () => {
      const { result, killLines } = run(s.files.map((f) => program(f)), s.config);
      expect(killLines).toEqual([]);
      expect(result.processes).toHaveLength(s.processes);
      for (const p of result.processes) expect({ pid: p.pid, status: p.status, code: p.code }).toEqual({ pid: p.pid, status: 'exited', code: 0 });
      expect(result.processes.slice(0, s.files.length).map((p) => p.stdout)).toEqual(s.stdout);
      s.stats(result.stats);
    });
  }
});
