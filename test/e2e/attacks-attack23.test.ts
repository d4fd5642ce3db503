// attack23's attacks (docs/attacks.md): page tables freed by munmap and an
// sbrk shrink (exactly one table's span, map and unmap in a loop, a table
// freed while a forked child still maps the pages), mprotect and munmap
// across two adjacent regions, read(0) at the edges of the address space,
// sleepers due at the same tick and killed while asleep, and two shapes the
// block engine compiles (writes to r0, a fault in a then-part). Each runs as
// pid 2 beside the bystander under every STRESS_CONFIGS entry it is meant
// for and must end exactly as its header says; the harness checks the
// invariants and that no frame or swap slot leaked. Both engines run them
// in test/hw/blocks-differential.test.ts (every attack there).
import { describe, expect, test } from 'vitest';
import type { MachineConfig } from '../../kernel/config.js';
import { program, run, STRESS_CONFIGS } from './harness.js';
import { bare, type Bare, BYSTANDER, exited, killed } from './bareProcess.js';


interface Scenario {
  stdin?: string;
  /** Every process after the bystander, in pid order. */
  processes: Bare[];
  killLines: string[];
  /** STRESS_CONFIGS entries it is not meant for (and why, in a comment). */
  skip?: string[];
}

const UNMAPPED = 'which no region holds (never mapped, or unmapped by munmap) (unmapped)';
const SLEEPERS = 'proc-sleepers-order.s';
const STRADDLE = 'mem-straddle-regions.s';

const SCENARIOS: Record<string, Scenario> = {
  'mem-table-boundary.s': {
    processes: [killed(2, 'mem-table-boundary.s', 'bad_access', 'unmapped', 'mem-table-boundary: kept the page below\n')],
    killLines: [`pid 2 (mem-table-boundary.s) killed: bad_access: load from 0x7fc00000, ${UNMAPPED}; pc 0x00001094, mem-table-boundary.s:54`],
  },
  'mem-table-churn.s': { processes: [exited(2, 'mem-table-churn.s', 'mem-table-churn: PASS\n')], killLines: [] },
  'mem-sbrk-tables.s': { processes: [exited(2, 'mem-sbrk-tables.s', 'mem-sbrk-tables: PASS\n')], killLines: [] },
  'proc-fork-unmap.s': {
    processes: [exited(2, 'proc-fork-unmap.s', 'proc-fork-unmap: PASS\n'), ...Array.from({ length: 20 }, (_, i) => exited(i + 3, 'proc-fork-unmap.s'))],
    killLines: [],
  },
  [SLEEPERS]: {
    // Child i is pid 3 + i; 0, 4 and 8 are killed asleep; the rest write their letter and exit i.
    processes: [
      exited(2, SLEEPERS, '***dgjbhkcfl\n'),
      ...Array.from({ length: 12 }, (_, i) => (i % 4 === 0
        ? killed(i + 3, SLEEPERS, 'killed', 'kill_syscall')
        : exited(i + 3, SLEEPERS, String.fromCharCode(97 + i), i))),
    ],
    killLines: [3, 7, 11].map((pid) => `pid ${pid} (${SLEEPERS}) killed: killed: pid 2 called kill(${pid}) (kill_syscall); pc 0x000010e8, ${SLEEPERS}:77`),
    // A 3-instruction quantum spreads the sleeps over many ticks (no two due at once);
    // 24 frames cannot hold 13 processes' page tables beside the bystander.
    skip: ['tiny quantum', 'few frames (swapping)', 'few frames, lru, random TLB', 'software refill, small plru TLB, few frames'],
  },
  [STRADDLE]: {
    processes: [
      exited(2, STRADDLE, '00000000 00000000 00000101 00000000 00000000 00000000 00000101 00000000 00000101 ffffffea 00001000 00000000 \n'),
      exited(3, STRADDLE), killed(4, STRADDLE, 'bad_access', 'protection'), exited(5, STRADDLE), exited(6, STRADDLE),
      killed(7, STRADDLE, 'bad_access', 'unmapped'), exited(8, STRADDLE), killed(9, STRADDLE, 'bad_access', 'unmapped'), exited(10, STRADDLE),
    ],
    killLines: [
      `pid 4 (${STRADDLE}) killed: bad_access: store to 0x7fdfb000 in mmap, which is r-- (protection); pc 0x00001120, ${STRADDLE}:102`,
      `pid 7 (${STRADDLE}) killed: bad_access: load from 0x7fdfc000, ${UNMAPPED}; pc 0x00001128, ${STRADDLE}:104`,
      `pid 9 (${STRADDLE}) killed: bad_access: load from 0x7fdfd000, ${UNMAPPED}; pc 0x00001128, ${STRADDLE}:104`,
    ],
  },
  'sys-read-edges.s': {
    stdin: 'hello world',
    processes: [exited(2, 'sys-read-edges.s', 'fffffff2 fffffff2 00000001 fffffff2 fffffff2 00000000 00000004 fffffff2 \n00000006 \n')],
    killLines: [],
  },
  'blk-r0-writes.s': {
    processes: [killed(2, 'blk-r0-writes.s', 'divide_by_zero', 'zero_divisor')],
    killLines: ['pid 2 (blk-r0-writes.s) killed: divide_by_zero: div by zero (the divisor, r11, is 0) (zero_divisor); pc 0x00001040, blk-r0-writes.s:31'],
  },
  'blk-then-fault.s': {
    processes: [killed(2, 'blk-then-fault.s', 'bad_access', 'null_page')],
    killLines: ['pid 2 (blk-then-fault.s) killed: bad_access: load from 0x00000000 in the null page (below 0x00001000): was the pointer null? (null_page); pc 0x00001024, blk-then-fault.s:21'],
  },
};

describe('attack23: page tables freed, adjacent regions, read edges, sleepers, compiled shapes', () => {
  const cases = Object.keys(SCENARIOS).flatMap((name) => Object.keys(STRESS_CONFIGS)
    .filter((config) => !(SCENARIOS[name]!.skip ?? []).includes(config)).map((config) => [name, config] as const));
  test.each(cases)('%s, %s', (name, configName) => {
    const scenario = SCENARIOS[name]!;
    const { result, killLines } = run(
      [program('programs/attacks/bystander.s'), program(`programs/attacks/${name}`)], STRESS_CONFIGS[configName]!, scenario.stdin);
    expect(result.processes.map(bare)).toEqual([BYSTANDER, ...scenario.processes]);
    expect(killLines).toEqual(scenario.killLines);
  });

  // In 14 frames with no swap, one frame lost a round (a page, or a table munmap left empty) runs the machine out of memory.
  test.each<[string, Partial<MachineConfig>]>([
    ['14 frames, no swap', { frames: 14, swapPages: 0 }],
    ['14 frames, no swap, software refill', { frames: 14, swapPages: 0, tlbRefill: 'software', tlbEntries: 4, tlbWays: 2 }],
  ])('mem-table-churn.s alone in %s: 3,000 rounds, nothing leaks', (_name, config) => {
    const { result } = run([program('programs/attacks/mem-table-churn.s')], config);
    expect(result.processes.map(bare)).toEqual([exited(1, 'mem-table-churn.s', 'mem-table-churn: PASS\n')]);
    // The root, the .text/.data table and the one table the mmap'd pages need, at most.
    expect(result.stats.page_table_frames).toBe(3);
  });
});
