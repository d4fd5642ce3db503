// programs/measure/{random-pages,hot-cold,looping}.s, OSTEP chapter 22's
// three workloads run on the real kernel: what the chapter says of each
// policy must show in the machine's page-fault counts. Each program writes
// its 100 heap pages once, then makes 10,000 loads; besides the heap it
// touches 3 pages (text, data, stack), so 103 faults are the cold-start
// misses and with every page resident (>= 110 frames: 3 page tables and the
// kernel's fixed frame too) there are no others.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { illusion } from './cli.js';

const PAGES = 100;
const REFS = 10_000;
const COLD = PAGES + 3;
const POLICIES = ['fifo', 'random', 'clock', 'lru'] as const;
const FRAMES = [40, 60, 80, 100, 110] as const;

type Faults = Record<(typeof POLICIES)[number], Record<number, number>>;

/** One sweep per program: page faults by policy and frames, every run exit 0. */
function faults(program: string): Faults {
  const r = illusion(['sweep', join('programs/measure', program), '--policy', POLICIES.join(','), '--frames', FRAMES.join(','), '--json']);
  expect(r.status).toBe(0);
  const rows = JSON.parse(r.stdout) as { config: { policy: string; frames: number }; stats: { page_faults: number }; status: string }[];
  expect(rows.map((row) => row.status)).toEqual(rows.map(() => 'exit 0'));
  const out = Object.fromEntries(POLICIES.map((p) => [p, {}])) as Faults;
  for (const row of rows) out[row.config.policy as (typeof POLICIES)[number]][row.config.frames] = row.stats.page_faults;
  return out;
}

describe.each(['random-pages.s', 'hot-cold.s', 'looping.s'])('%s', (program) => {
  it('keeps every page\'s word through heavy swapping (40 frames), under each policy', () => {
    for (const policy of POLICIES) {
      const r = illusion(['run', join('programs/measure', program), '--frames', '40', '--policy', policy]);
      expect([r.status, r.stdout, r.stderr]).toEqual([0, `${REFS} references to ${PAGES} pages\n`, '']);
    }
  });
});

describe('what OSTEP chapter 22 says of each workload', () => {
  const random = faults('random-pages.s');
  const hotCold = faults('hot-cold.s');
  const looping = faults('looping.s');

  it('with every page resident, only the cold-start misses, whatever the policy', () => {
    for (const f of [random, hotCold, looping]) expect(POLICIES.map((p) => f[p][110])).toEqual(POLICIES.map(() => COLD));
  });

  it('no locality: every policy within 10% of the others at each size', () => {
    for (const frames of FRAMES.slice(0, -1)) {
      const counts = POLICIES.map((p) => random[p][frames]!);
      expect(Math.max(...counts) / Math.min(...counts)).toBeLessThan(1.1);
    }
  });

  it('80-20: the policies that look at use (lru, clock) fault less than fifo and random, which do not', () => {
    for (const frames of [40, 60, 80]) {
      const blind = Math.min(hotCold.fifo[frames]!, hotCold.random[frames]!);
      expect(hotCold.lru[frames]! / blind).toBeLessThan(0.85);
      expect(hotCold.clock[frames]! / blind).toBeLessThan(0.85);
    }
    // fifo and random are alike: neither keeps the hot pages.
    for (const frames of [40, 60, 80]) expect(Math.abs(hotCold.fifo[frames]! / hotCold.random[frames]! - 1)).toBeLessThan(0.05);
  });

  it('looping sequential: fifo, lru and clock fault on every reference while the loop does not fit; random does not', () => {
    for (const frames of [40, 60, 80, 100]) {
      expect([looping.fifo[frames], looping.lru[frames], looping.clock[frames]]).toEqual([COLD + REFS, COLD + REFS, COLD + REFS]);
      expect(looping.random[frames]!).toBeLessThan(COLD + REFS);
    }
    // The more frames, the more of the loop random keeps.
    expect(FRAMES.slice(0, -1).map((f) => looping.random[f]!)).toEqual([...FRAMES.slice(0, -1).map((f) => looping.random[f]!)].sort((a, b) => b - a));
  });
});
